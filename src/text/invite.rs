//! The words of invitations (`src/store/invites.rs`, `citydx invite`) in
//! both languages. A cause that comes from the operating system or the JSON
//! parser is printed as it came, after citydx's own sentence.

use super::fill;
use crate::core::Lang;
use crate::core::framework::DomainId;
use crate::store::invites::{InviteError, KeyProblem};

pub struct InviteStrings {
    /// No home folder, so no data folder.
    pub no_data_folder: &'static str,
    /// path, cause.
    pub io: &'static str,
    /// path.
    pub linked: &'static str,
    /// path.
    pub not_regular: &'static str,
    /// path, limit in bytes.
    pub too_large: &'static str,
    /// path, cause.
    pub parse: &'static str,
    /// path, version.
    pub newer: &'static str,
    /// given.
    pub bad_profile: &'static str,
    pub blank_respondent: &'static str,
    /// given, the domain ids.
    pub bad_domain: &'static str,
    /// the most days.
    pub bad_expiry: &'static str,
    /// `--expires` as given, the most days.
    pub bad_expiry_given: &'static str,
    /// the key's problem.
    pub bad_key: &'static str,
    /// the file, the key's problem.
    pub bad_key_file: &'static str,
    pub key_empty: &'static str,
    pub key_several: &'static str,
    pub key_private: &'static str,
    pub key_control: &'static str,
    /// the type found.
    pub key_unknown_type: &'static str,
    pub key_bad_body: &'static str,
    /// user.
    pub unknown_user: &'static str,
    /// `--host` as given.
    pub bad_host: &'static str,
    /// The latest assessment has no respondent: profile.
    pub no_respondents: &'static str,
    /// Heading of a new invitation: respondent's name, respondent id,
    /// profile, domains.
    pub made: &'static str,
    /// The domains of an invitation that names none.
    pub all_domains: &'static str,
    pub label_user: &'static str,
    pub label_code: &'static str,
    pub label_key: &'static str,
    pub label_expires: &'static str,
    pub label_connect: &'static str,
    pub label_fingerprint: &'static str,
    /// After the code.
    pub code_once: &'static str,
    /// The key invitation's line: the key's type.
    pub key_login: &'static str,
    /// No server has made its host key yet.
    pub fingerprint_unknown: &'static str,
    /// What to tell the respondent about the fingerprint.
    pub fingerprint_hint: &'static str,
    /// `invite list`: no invitation for the profile.
    pub none_yet: &'static str,
    pub col_user: &'static str,
    pub col_respondent: &'static str,
    pub col_domains: &'static str,
    pub col_kind: &'static str,
    pub col_expires: &'static str,
    pub col_state: &'static str,
    pub col_failures: &'static str,
    pub kind_code: &'static str,
    pub kind_key: &'static str,
    pub state_live: &'static str,
    pub state_expired: &'static str,
    pub state_revoked: &'static str,
    pub state_burnt: &'static str,
    /// user, profile.
    pub revoked: &'static str,
    /// After `revoked`, on the consultant's screen: its live session ended.
    pub revoked_session_ended: &'static str,
}

const EN: InviteStrings = InviteStrings {
    no_data_folder: "no data folder for invitations (no home folder; set HOME or XDG_DATA_HOME)",
    io: "cannot use {}: {}",
    linked: "{} is a symbolic link; citydx never follows one for its invitations (remove the link)",
    not_regular: "{} is not a regular file",
    too_large: "{} is larger than {} bytes; not read",
    parse: "{} does not parse ({}); citydx leaves it as it is: fix it or move it away",
    newer: "{} was written by a newer citydx (version {}); citydx leaves it as it is",
    bad_profile: "{} is not a profile id",
    blank_respondent: "an invitation needs a respondent (--respondent)",
    bad_domain: "{} is not a domain id (the ids: {})",
    bad_expiry: "an invitation lasts from one hour to {} days",
    bad_expiry_given: "--expires {}: give hours or days, as 12h or 2d, up to {} days",
    bad_key: "not an OpenSSH public key line: {}",
    bad_key_file: "{} is not an OpenSSH public key: {}",
    key_empty: "it holds no key",
    key_several: "it holds more than one key; give one",
    key_private: "it is a private key; give the public one (the .pub file), and keep the private key secret",
    key_control: "it holds a control character",
    key_unknown_type: "{} is not a key type OpenSSH writes (ssh-ed25519, ecdsa-sha2-nistp256, ssh-rsa...)",
    key_bad_body: "its body is not the base64 of a key of its type",
    unknown_user: "no invitation has the user name {} (`citydx invite list ID` shows them)",
    bad_host: "--host {}: not a host name (letters, digits, dots, dashes, colons; not starting with a dash)",
    no_respondents: "the latest assessment of {} has no respondent yet; add one with `citydx respondent add` first",
    made: "Invitation for {} ({}) to answer {}: {}",
    all_domains: "every domain",
    label_user: "User:",
    label_code: "Code:",
    label_key: "Key:",
    label_expires: "Expires:",
    label_connect: "Connect:",
    label_fingerprint: "Host key:",
    code_once: "(shown once: citydx keeps only a hash of it)",
    key_login: "logs in with the {} key given",
    fingerprint_unknown: "not known yet (`citydx serve` makes the host key on its first start)",
    fingerprint_hint: "the respondent's SSH client shows this fingerprint at the first login: it must be the same",
    none_yet: "no invitation for {} yet",
    col_user: "User",
    col_respondent: "Respondent",
    col_domains: "Domains",
    col_kind: "Kind",
    col_expires: "Expires",
    col_state: "State",
    col_failures: "Wrong codes",
    kind_code: "code",
    kind_key: "key",
    state_live: "live",
    state_expired: "expired",
    state_revoked: "revoked",
    state_burnt: "burnt",
    revoked: "revoked invitation {} (profile {}); it no longer lets anyone log in",
    revoked_session_ended: "; its live session was ended (answers saved)",
};

const ZH: InviteStrings = InviteStrings {
    no_data_folder: "找不到存放邀请的数据文件夹（没有主目录；请设置 HOME 或 XDG_DATA_HOME）",
    io: "无法使用 {}：{}",
    linked: "{} 是符号链接；citydx 不会经由链接读写邀请（请删除该链接）",
    not_regular: "{} 不是普通文件",
    too_large: "{} 超过 {} 字节，未读取",
    parse: "{} 无法解析（{}）；citydx 保留原样：请修正或移走该文件",
    newer: "{} 由较新版本的 citydx 写入（版本 {}）；citydx 保留原样",
    bad_profile: "{} 不是档案 id",
    blank_respondent: "邀请须指定受访者（--respondent）",
    bad_domain: "{} 不是领域 id（可用的 id：{}）",
    bad_expiry: "邀请有效期为一小时至 {} 天",
    bad_expiry_given: "--expires {}：请以小时或天数给出，如 12h 或 2d，最长 {} 天",
    bad_key: "不是 OpenSSH 公钥行：{}",
    bad_key_file: "{} 不是 OpenSSH 公钥：{}",
    key_empty: "其中没有密钥",
    key_several: "其中有不止一个密钥；请只给一个",
    key_private: "这是私钥；请给出公钥（.pub 文件），私钥务必保密",
    key_control: "其中含有控制字符",
    key_unknown_type: "{} 不是 OpenSSH 生成的密钥类型（ssh-ed25519、ecdsa-sha2-nistp256、ssh-rsa 等）",
    key_bad_body: "密钥正文不是该类型密钥的 base64 编码",
    unknown_user: "没有用户名为 {} 的邀请（`citydx invite list ID` 可列出）",
    bad_host: "--host {}：不是主机名（只可含字母、数字、点、连字符、冒号，且不以连字符开头）",
    no_respondents: "{} 的最近一次评估还没有受访者；请先用 `citydx respondent add` 添加",
    made: "邀请 {}（{}）回答 {}：{}",
    all_domains: "全部领域",
    label_user: "用户名：",
    label_code: "登录码：",
    label_key: "密钥：",
    label_expires: "有效期至：",
    label_connect: "连接命令：",
    label_fingerprint: "主机密钥：",
    code_once: "（仅显示这一次：citydx 只保存其哈希值）",
    key_login: "以所给的 {} 密钥登录",
    fingerprint_unknown: "尚未生成（`citydx serve` 首次启动时生成主机密钥）",
    fingerprint_hint: "受访者首次登录时，其 SSH 客户端会显示此指纹：两者必须一致",
    none_yet: "{} 还没有邀请",
    col_user: "用户名",
    col_respondent: "受访者",
    col_domains: "领域",
    col_kind: "方式",
    col_expires: "有效期至",
    col_state: "状态",
    col_failures: "错码次数",
    kind_code: "登录码",
    kind_key: "密钥",
    state_live: "有效",
    state_expired: "已过期",
    state_revoked: "已撤销",
    state_burnt: "已作废",
    revoked: "已撤销邀请 {}（档案 {}）；此后无法再用它登录",
    revoked_session_ended: "；其进行中的会话已结束（答案已保存）",
};

pub fn strings(lang: Lang) -> &'static InviteStrings {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

/// A key's problem in `lang`.
pub fn key_problem(why: &KeyProblem, lang: Lang) -> String {
    let s = strings(lang);
    match why {
        KeyProblem::Empty => s.key_empty.to_string(),
        KeyProblem::Several => s.key_several.to_string(),
        KeyProblem::Private => s.key_private.to_string(),
        KeyProblem::Control => s.key_control.to_string(),
        KeyProblem::UnknownType(found) => fill(s.key_unknown_type, &[&format!("{found:?}")]),
        KeyProblem::BadBody => s.key_bad_body.to_string(),
    }
}

/// The domain ids, as `--domains` takes them.
pub fn domain_ids() -> String {
    DomainId::ALL
        .iter()
        .map(|d| d.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// An invitation error in `lang`, one line.
pub fn error_message(e: &InviteError, lang: Lang) -> String {
    let s = strings(lang);
    let max_days = crate::store::invites::MAX_EXPIRY.num_days();
    match e {
        InviteError::NoDataFolder => s.no_data_folder.to_string(),
        InviteError::Io { path, cause } => fill(s.io, &[&path.display(), cause]),
        InviteError::Linked { path } => fill(s.linked, &[&path.display()]),
        InviteError::NotRegular { path } => fill(s.not_regular, &[&path.display()]),
        InviteError::TooLarge { path, limit } => fill(s.too_large, &[&path.display(), limit]),
        InviteError::Parse { path, cause } => fill(s.parse, &[&path.display(), cause]),
        InviteError::Newer { path, version } => fill(s.newer, &[&path.display(), version]),
        InviteError::BadProfile { given } => fill(s.bad_profile, &[&format!("{given:?}")]),
        InviteError::BlankRespondent => s.blank_respondent.to_string(),
        InviteError::BadDomain { given } => {
            fill(s.bad_domain, &[&format!("{given:?}"), &domain_ids()])
        }
        InviteError::BadExpiry => fill(s.bad_expiry, &[&max_days]),
        InviteError::BadKey { file: None, why } => fill(s.bad_key, &[&key_problem(why, lang)]),
        InviteError::BadKey {
            file: Some(file),
            why,
        } => fill(s.bad_key_file, &[&file.display(), &key_problem(why, lang)]),
        InviteError::UnknownUser { user } => fill(s.unknown_user, &[&format!("{user:?}")]),
    }
}
