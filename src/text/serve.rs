//! The words of `citydx serve` (`src/serve`): the consultant's console and
//! what a respondent's terminal is told, in both languages.

use crate::core::Lang;

pub struct ServeStrings {
    /// Serving: the address, the host key's fingerprint.
    pub serving: &'static str,
    /// The host key was made now: its path.
    pub key_made: &'static str,
    /// Listening beyond this machine: the address.
    pub public_warning: &'static str,
    /// A non-loopback address without --public: the address.
    pub needs_public: &'static str,
    /// How to stop.
    pub how_to_stop: &'static str,
    /// Stopping: how many sessions are told.
    pub stopping: &'static str,
    /// Stopped: every answer saved.
    pub stopped: &'static str,
    /// Sent to a respondent's terminal when the server stops.
    pub told_stopping: &'static str,
    /// Sent to a respondent's terminal when its session was idle too long.
    pub told_idle: &'static str,
    /// Sent to a respondent's terminal when the consultant revoked its
    /// invitation while it was connected.
    pub told_revoked: &'static str,
    /// The keyboard-interactive prompt.
    pub code_prompt: &'static str,
    /// A respondent's session could not start: why.
    pub cannot_start: &'static str,
    /// Listening failed: the address, the cause.
    pub cannot_listen: &'static str,
    /// A line of the console's log: who, what.
    pub console_event: &'static str,
}

pub fn serve(lang: Lang) -> &'static ServeStrings {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

static EN: ServeStrings = ServeStrings {
    serving: "Serving the interview over SSH on {}\nHost key fingerprint: {}",
    key_made: "A new host key was made: {}",
    public_warning: "Warning: listening on {}, beyond this machine: anyone who can reach it can try to log in (invitations only).",
    needs_public: "{}: not a loopback address; add --public to serve beyond this machine",
    how_to_stop: "Ctrl-C or SIGTERM stops the server; every answer is saved.",
    stopping: "Stopping: {} session(s) told",
    stopped: "Stopped; every answer is saved.",
    told_stopping: "The interview server is stopping. Your answers are saved. Thank you.",
    told_idle: "No key for a long while: the session is closed. Your answers are saved; log in again with the same code to go on.",
    told_revoked: "The consultant has closed your invitation. Your answers are saved. Thank you.",
    code_prompt: "Invitation code: ",
    cannot_start: "The interview could not start: {}",
    cannot_listen: "{}: cannot listen: {}",
    console_event: "{} {}",
};

static ZH: ServeStrings = ServeStrings {
    serving: "正在通过SSH在{}上提供访谈\n主机密钥指纹：{}",
    key_made: "已生成新的主机密钥：{}",
    public_warning: "警告：正在{}上监听，本机以外可以访问：能连到此地址的人都可以尝试登录（仅凭邀请）。",
    needs_public: "{}：不是本机回环地址；如需对本机以外提供，请加 --public",
    how_to_stop: "按Ctrl-C或发送SIGTERM停止服务；所有答案均已保存。",
    stopping: "正在停止：已通知{}个会话",
    stopped: "已停止；所有答案均已保存。",
    told_stopping: "访谈服务正在停止。您的答案已保存。谢谢！",
    told_idle: "长时间没有按键，会话已关闭。您的答案已保存；用同一邀请码重新登录即可继续。",
    told_revoked: "访谈人已关闭您的邀请。您的答案已保存。谢谢！",
    code_prompt: "邀请码：",
    cannot_start: "无法开始访谈：{}",
    cannot_listen: "{}：无法监听：{}",
    console_event: "{} {}",
};
