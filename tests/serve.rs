//! `citydx serve` driven by the real OpenSSH client: `ssh -tt` in a
//! pseudo-terminal (portable-pty), its screen parsed by vt100, the profile
//! and the server's log checked on disk.
//!
//! Each test starts its own server on a free loopback port, with its own
//! profiles folder and data folder (`XDG_DATA_HOME`: host key, invitations,
//! log). Every wait is bounded.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use citydx::store::invites::NewInvitation;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_citydx");
const WAIT: Duration = Duration::from_secs(20);

#[path = "support/ssh.rs"]
mod support;
use support::Server;

/// Copies of the examples `ids`, two respondents added to each, and a
/// server on them.
fn start(ids: &[&str]) -> Server {
    let profiles: Vec<(&str, usize)> = ids.iter().map(|id| (*id, 2)).collect();
    Server::start(Path::new(BIN), &profiles, &[])
}

/// A code invitation for the first respondent of `profile`.
fn invite(server: &Server, profile: &str, domains: &[&str]) -> (String, String) {
    let respondent = first_respondent(&server.profile(profile));
    server.invite(profile, &respondent, domains)
}

/// Sends `signal` to the server and waits for it to end.
fn signal(server: &mut Server, signal: &str) -> std::process::ExitStatus {
    let _ = Command::new("kill")
        .args([signal, &server.child.id().to_string()])
        .status();
    let deadline = Instant::now() + WAIT;
    loop {
        if let Ok(Some(status)) = server.child.try_wait() {
            return status;
        }
        assert!(Instant::now() < deadline, "the server did not stop");
        thread::sleep(Duration::from_millis(50));
    }
}

fn first_respondent(profile: &Value) -> String {
    let assessments = profile["assessments"].as_array().unwrap();
    assessments.last().unwrap()["respondents"][0]["id"]
        .as_str()
        .expect("a respondent")
        .to_string()
}

/// The OpenSSH client in a pseudo-terminal.
struct Ssh {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

fn ssh(server: &Server, user: &str, extra: &[&str]) -> Ssh {
    ssh_env(server, user, extra, &[])
}

fn ssh_env(server: &Server, user: &str, extra: &[&str], env: &[(&str, &str)]) -> Ssh {
    ssh_run(server, user, extra, env, &[])
}

/// `ssh -tt` with options `extra` (before the destination) and `command`
/// (after it: a command instead of the interview).
fn ssh_with_command(server: &Server, user: &str, command: &[&str], before: &[&str]) -> Ssh {
    let mut extra: Vec<&str> = vec!["-o", "NumberOfPasswordPrompts=1"];
    extra.extend(before);
    ssh_run(server, user, &extra, &[], command)
}

fn ssh_run(
    server: &Server,
    user: &str,
    extra: &[&str],
    env: &[(&str, &str)],
    command: &[&str],
) -> Ssh {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new("ssh");
    cmd.args(["-tt", "-p", &server.port.to_string()]);
    for option in [
        "StrictHostKeyChecking=no",
        "UserKnownHostsFile=/dev/null",
        "LogLevel=ERROR",
        "PreferredAuthentications=keyboard-interactive",
        "PubkeyAuthentication=no",
        "SendEnv=LANG",
    ] {
        cmd.args(["-o", option]);
    }
    cmd.args(extra);
    cmd.arg(format!("{user}@127.0.0.1"));
    cmd.args(command);
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "en_US.UTF-8");
    cmd.env_remove("SSH_AUTH_SOCK");
    for (name, value) in env {
        cmd.env(name, value);
    }
    let child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let writer = pair.master.take_writer().unwrap();
    let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(24), nz(80), 0)));
    let feed = parser.clone();
    thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            feed.lock().unwrap().process(&buf[..n]);
        }
    });
    Ssh {
        parser,
        writer,
        child,
        _master: pair.master,
    }
}

impl Ssh {
    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn wait_for(&mut self, text: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "waited for {text:?}; the screen:\n{screen}"
            );
            thread::sleep(Duration::from_millis(30));
        }
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "ssh did not end; the screen:\n{}",
                self.screen()
            );
            thread::sleep(Duration::from_millis(30));
        }
    }

    /// Logs in with `code` and waits for the walk.
    fn login(&mut self, code: &str) -> String {
        self.wait_for("Invitation code:");
        self.send(&format!("{code}\r"));
        self.wait_for("Stage 1")
    }
}

impl Drop for Ssh {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

fn wait_until(what: &str, mut ok: impl FnMut() -> bool) {
    let deadline = Instant::now() + WAIT;
    while !ok() {
        assert!(Instant::now() < deadline, "waited for {what}");
        thread::sleep(Duration::from_millis(50));
    }
}

/// The respondent's voices in the latest assessment: indicator → value.
fn voices_of(profile: &Value, respondent: &str) -> Vec<(String, String)> {
    let assessment = profile["assessments"].as_array().unwrap().last().unwrap();
    let mut found = vec![];
    if let Some(answers) = assessment["answers"].as_object() {
        for (indicator, answer) in answers {
            if let Some(voice) = answer["voices"].get(respondent) {
                found.push((
                    indicator.clone(),
                    voice["value"].as_str().unwrap_or_default().to_string(),
                ));
            }
        }
    }
    found
}

#[test]
fn a_respondent_logs_in_with_a_code_answers_and_the_answer_is_on_disk() {
    let mut server = start(&["pinghu"]);
    let (user, code) = invite(&server, "pinghu", &["services"]);
    let respondent = first_respondent(&server.profile("pinghu"));
    let mut ssh = ssh(&server, &user, &[]);
    let screen = ssh.login(&code);
    // the walk of the invited domain, answering as the respondent
    assert!(screen.contains("Respondent 1"), "{screen}");
    ssh.send("y");
    wait_until("the voice on disk", || {
        !voices_of(&server.profile("pinghu"), &respondent).is_empty()
    });
    let voices = voices_of(&server.profile("pinghu"), &respondent);
    assert_eq!(voices.len(), 1, "{voices:?}");
    assert!(voices[0].0.starts_with("services."), "{voices:?}");
    // the other domains are out of reach: ] stays in services
    ssh.send("]");
    ssh.send("y");
    wait_until("a second voice", || {
        voices_of(&server.profile("pinghu"), &respondent).len() == 2
    });
    for (indicator, _) in voices_of(&server.profile("pinghu"), &respondent) {
        assert!(indicator.starts_with("services."), "{indicator}");
    }
    ssh.send("q");
    ssh.wait_exit();
    assert!(server.log().contains("accepted code"), "{}", server.log());
    assert!(signal(&mut server, "-TERM").success());
}

#[test]
fn wrong_unknown_revoked_and_burnt_logins_are_refused() {
    let server = start(&["pinghu"]);
    let (user, code) = invite(&server, "pinghu", &[]);
    // a wrong code, then the session ends (one try per connection here)
    let mut wrong = ssh(&server, &user, &["-o", "NumberOfPasswordPrompts=1"]);
    wrong.wait_for("Invitation code:");
    wrong.send("AAAA-AAAA-AAAA\r");
    assert!(!wrong.wait_exit().success());
    // an uninvited user gets the same prompt, and is refused
    let mut unknown = ssh(&server, "r-nobody", &["-o", "NumberOfPasswordPrompts=1"]);
    unknown.wait_for("Invitation code:");
    unknown.send(&format!("{code}\r"));
    assert!(!unknown.wait_exit().success());
    let log = server.log();
    assert!(log.contains("wrong code"), "{log}");
    assert!(log.contains(" unknown "), "{log}");
    assert!(
        !log.contains("r-nobody"),
        "the typed name is not logged: {log}"
    );
    assert!(!log.contains(&code), "no code in the log: {log}");
    // revoked: the right code is refused
    server.book().revoke(&user).unwrap();
    let mut revoked = ssh(&server, &user, &["-o", "NumberOfPasswordPrompts=1"]);
    revoked.wait_for("Invitation code:");
    revoked.send(&format!("{code}\r"));
    assert!(!revoked.wait_exit().success());
    assert!(server.log().contains("revoked"), "{}", server.log());
    // burnt after five wrong codes
    let (user, code) = invite(&server, "pinghu", &[]);
    for _ in 0..5 {
        let mut wrong = ssh(&server, &user, &["-o", "NumberOfPasswordPrompts=1"]);
        wrong.wait_for("Invitation code:");
        wrong.send("AAAA-AAAA-AAAA\r");
        assert!(!wrong.wait_exit().success());
    }
    let mut burnt = ssh(&server, &user, &["-o", "NumberOfPasswordPrompts=1"]);
    burnt.wait_for("Invitation code:");
    burnt.send(&format!("{code}\r"));
    assert!(!burnt.wait_exit().success());
    assert!(server.log().contains("burnt"), "{}", server.log());
}

#[test]
fn a_command_a_subsystem_and_forwarding_are_refused() {
    let server = start(&["pinghu"]);
    let (user, code) = invite(&server, "pinghu", &[]);
    // a command instead of the interview
    let mut cmd = ssh_with_command(&server, &user, &["cat", "/etc/passwd"], &[]);
    cmd.wait_for("Invitation code:");
    cmd.send(&format!("{code}\r"));
    assert!(!cmd.wait_exit().success());
    assert!(!cmd.screen().contains("root:"), "{}", cmd.screen());
    wait_until("exec refused in the log", || {
        server.log().contains("refused: exec")
    });
    // a subsystem
    let mut sub = ssh_with_command(&server, &user, &["sftp"], &["-s"]);
    sub.wait_for("Invitation code:");
    sub.send(&format!("{code}\r"));
    assert!(!sub.wait_exit().success());
    wait_until("subsystem refused in the log", || {
        server.log().contains("refused: subsystem sftp")
    });
    // forwarding asked for with the interview: refused, logged, and the
    // interview goes on
    // (ssh asks to forward an agent only when it has one running)
    let agent_dir = tempfile::tempdir().unwrap();
    let agent_sock = agent_dir.path().join("agent.sock");
    let mut agent = Command::new("ssh-agent")
        .args(["-D", "-a", agent_sock.to_str().unwrap()])
        .stdout(Stdio::null())
        .spawn()
        .expect("ssh-agent (openssh-client)");
    wait_until("the agent's socket", || agent_sock.exists());
    let mut exec = ssh_env(
        &server,
        &user,
        &["-R", "0:127.0.0.1:9", "-A", "-o", "ExitOnForwardFailure=no"],
        &[("SSH_AUTH_SOCK", agent_sock.to_str().unwrap())],
    );
    exec.login(&code);
    let seen = || {
        let log = server.log();
        log.contains("refused: remote port forwarding") && log.contains("refused: agent forwarding")
    };
    let deadline = Instant::now() + WAIT;
    while !seen() {
        assert!(
            Instant::now() < deadline,
            "forwarding not refused in the log:\n{}",
            server.log()
        );
        thread::sleep(Duration::from_millis(50));
    }
    exec.send("q");
    exec.wait_exit();
    let _ = agent.kill();
    let _ = agent.wait();
    // local forwarding is asked for only when used: a connection to the
    // forwarded port is refused by the server and logged
    let local = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let local_port = local.local_addr().unwrap().port();
    drop(local);
    let forward = format!("{local_port}:127.0.0.1:{}", server.port);
    let mut tunnel = ssh(
        &server,
        &user,
        &["-L", &forward, "-o", "ExitOnForwardFailure=no"],
    );
    tunnel.login(&code);
    let mut stream = None;
    wait_until("the forwarded port to listen", || {
        stream = std::net::TcpStream::connect(("127.0.0.1", local_port)).ok();
        stream.is_some()
    });
    let mut stream = stream.unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut got = [0u8; 64];
    // the channel is refused: the client closes the connection, no SSH
    // banner of the server comes through it
    let n = stream.read(&mut got).unwrap_or(0);
    assert!(!String::from_utf8_lossy(&got[..n]).contains("SSH-2.0"));
    wait_until("direct-tcpip refused in the log", || {
        server
            .log()
            .contains("refused: port forwarding (direct-tcpip)")
    });
    tunnel.send("q");
    tunnel.wait_exit();
}

#[test]
fn an_expired_invitation_and_a_wrong_key_are_refused_and_strict_kex_is_on() {
    let server = start(&["pinghu"]);
    let respondent = first_respondent(&server.profile("pinghu"));
    // made eight days ago for the default seven: expired
    let (expired, code) = server
        .book()
        .create(
            NewInvitation {
                profile: "pinghu".into(),
                respondent: respondent.clone(),
                ..NewInvitation::default()
            },
            chrono::Utc::now() - chrono::Duration::days(8),
        )
        .unwrap();
    let mut late = ssh(&server, &expired.user, &["-o", "NumberOfPasswordPrompts=1"]);
    late.wait_for("Invitation code:");
    late.send(&format!("{}\r", code.unwrap()));
    assert!(!late.wait_exit().success());
    wait_until("expired in the log", || {
        server.log().contains("refused: expired")
    });
    // a key invitation, and another key offered
    let keys = tempfile::tempdir().unwrap();
    for name in ["invited", "other"] {
        let made = Command::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", "", "-f"])
            .arg(keys.path().join(name))
            .status()
            .unwrap();
        assert!(made.success());
    }
    let invited_key = std::fs::read_to_string(keys.path().join("invited.pub")).unwrap();
    let (by_key, _) = server
        .book()
        .create(
            NewInvitation {
                profile: "pinghu".into(),
                respondent,
                key: Some(invited_key.trim().to_string()),
                ..NewInvitation::default()
            },
            chrono::Utc::now(),
        )
        .unwrap();
    let with_key = |name: &str| {
        Command::new("ssh")
            .args(["-p", &server.port.to_string(), "-T", "-vvv"])
            .args([
                "-o",
                "StrictHostKeyChecking=no",
                "-o",
                "UserKnownHostsFile=/dev/null",
            ])
            .args(["-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes"])
            .args(["-o", "PreferredAuthentications=publickey"])
            .arg("-i")
            .arg(keys.path().join(name))
            .arg(format!("{}@127.0.0.1", by_key.user))
            .env_remove("SSH_AUTH_SOCK")
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let wrong = with_key("other");
    assert!(!wrong.status.success());
    let said = String::from_utf8_lossy(&wrong.stderr);
    assert!(said.contains("Permission denied"), "{said}");
    // the Terrapin countermeasure: both sides agreed on strict kex
    assert!(said.contains("strict KEX"), "{said}");
    wait_until("wrong key in the log", || {
        server.log().contains("refused: wrong key")
    });
    // the invited key gets in (no terminal asked: the session starts and
    // ends with the connection)
    let right = with_key("invited");
    let said = String::from_utf8_lossy(&right.stderr);
    assert!(said.contains("Authenticated"), "{said}");
    wait_until("accepted key in the log", || {
        server.log().contains("accepted key")
    });
}

#[test]
fn two_respondents_answer_at_once_a_second_session_is_refused_and_a_drop_loses_nothing() {
    let mut server = start(&["pinghu"]);
    let profile = server.profile("pinghu");
    let assessment = profile["assessments"].as_array().unwrap().last().unwrap();
    let first = assessment["respondents"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let second = assessment["respondents"][1]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (user_a, code_a) = invite(&server, "pinghu", &["services"]);
    let (invitation_b, code_b) = server
        .book()
        .create(
            NewInvitation {
                profile: "pinghu".into(),
                respondent: second.clone(),
                domains: vec!["services".into()],
                ..NewInvitation::default()
            },
            chrono::Utc::now(),
        )
        .unwrap();
    let code_b = code_b.unwrap();
    let mut a = ssh(&server, &user_a, &[]);
    a.login(&code_a);
    let mut b = ssh(&server, &invitation_b.user, &[]);
    b.login(&code_b);
    // a second live session on one invitation: refused
    let mut again = ssh(&server, &user_a, &["-o", "NumberOfPasswordPrompts=1"]);
    again.wait_for("Invitation code:");
    again.send(&format!("{code_a}\r"));
    assert!(!again.wait_exit().success());
    a.send("y");
    b.send("n");
    wait_until("both voices on disk", || {
        let p = server.profile("pinghu");
        !voices_of(&p, &first).is_empty() && !voices_of(&p, &second).is_empty()
    });
    // the first one's counts of the other reach it
    a.wait_for("Others answering now: 1");
    // a dropped connection: the answer given is on disk, the session freed
    a.send("p");
    wait_until("the second answer of the first", || {
        voices_of(&server.profile("pinghu"), &first).len() == 2
    });
    let _ = a.child.kill();
    wait_until("the session freed", || {
        server.log().contains("session ended")
    });
    let mut back = ssh(&server, &user_a, &[]);
    back.login(&code_a);
    // another citydx on the folder sees the profile as held
    let other = Command::new(BIN)
        .args(["--dir", server.profiles().to_str().unwrap(), "--lang", "en"])
        .args(["respondent", "add", "pinghu", "--name", "Someone Else"])
        .output()
        .unwrap();
    assert!(!other.status.success(), "{other:?}");
    let said = String::from_utf8_lossy(&other.stderr);
    assert!(said.contains("pinghu"), "{said}");
    // Ctrl-C at the server: everyone is told, nothing is lost
    let status = signal(&mut server, "-INT");
    assert!(status.success(), "{}", server.output.lock().unwrap());
    back.wait_for("Your answers are saved");
    b.wait_exit();
    let p = server.profile("pinghu");
    assert_eq!(voices_of(&p, &first).len(), 2);
    assert_eq!(voices_of(&p, &second).len(), 1);
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).unwrap()
}

#[test]
fn a_respondent_whose_profile_is_gone_is_told_why() {
    let server = start(&["pinghu"]);
    let (user, code) = invite(&server, "pinghu", &[]);
    std::fs::remove_file(server.profiles().join("pinghu.json")).unwrap();
    let mut ssh = ssh(&server, &user, &[]);
    ssh.wait_for("Invitation code:");
    ssh.send(&format!("{code}\r"));
    ssh.wait_for("The interview could not start");
    ssh.wait_exit();
}

#[test]
fn revoking_a_live_invitation_ends_its_session_with_the_answers_kept() {
    let mut server = start(&["pinghu"]);
    let (user, code) = invite(&server, "pinghu", &["services"]);
    let respondent = first_respondent(&server.profile("pinghu"));
    let mut ssh = ssh(&server, &user, &[]);
    ssh.login(&code);
    ssh.send("y");
    wait_until("the voice on disk", || {
        !voices_of(&server.profile("pinghu"), &respondent).is_empty()
    });
    // revoked in the invitations file, as `citydx invite revoke` does it
    // from another process: the server sees it within seconds
    server.book().revoke(&user).unwrap();
    let screen = ssh.wait_for("closed your invitation");
    assert!(screen.contains("Your answers are saved"), "{screen}");
    ssh.wait_exit();
    assert_eq!(voices_of(&server.profile("pinghu"), &respondent).len(), 1);
    wait_until("the session ended in the log", || {
        server.log().contains("session ended")
    });
    // and the same code no longer lets it in
    let mut again = ssh_run_refused(&server, &user, &code);
    assert!(!again.wait_exit().success());
    assert!(signal(&mut server, "-TERM").success());
}

fn ssh_run_refused(server: &Server, user: &str, code: &str) -> Ssh {
    let mut s = ssh(server, user, &["-o", "NumberOfPasswordPrompts=1"]);
    s.wait_for("Invitation code:");
    s.send(&format!("{code}\r"));
    s
}
