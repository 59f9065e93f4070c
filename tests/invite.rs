//! `citydx invite`: the real binary, with its data folder (XDG_DATA_HOME)
//! and profiles folder in a temporary directory. What it writes is read
//! back through the store (`InviteBook`), as `citydx serve` reads it.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use base64::Engine;
use chrono::{DateTime, Utc};
use citydx::store::invites::{AuthOutcome, InviteBook, Refusal};
use serde_json::Value;

struct Place {
    _tmp: tempfile::TempDir,
    profiles: PathBuf,
    data: PathBuf,
    /// The respondent added to pinghu's latest assessment.
    respondent: String,
}

impl Place {
    /// A profiles folder holding pinghu with one respondent, Kang Wei.
    fn new() -> Place {
        let tmp = tempfile::tempdir().unwrap();
        let profiles = tmp.path().join("profiles");
        let data = tmp.path().join("data");
        fs::create_dir(&profiles).unwrap();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/pinghu.json");
        fs::copy(src, profiles.join("pinghu.json")).unwrap();
        let mut place = Place {
            _tmp: tmp,
            profiles,
            data,
            respondent: String::new(),
        };
        let o = place.run(&["respondent", "add", "pinghu", "--name", "Kang Wei"]);
        assert!(o.status.success(), "{}", err(&o));
        let o = place.run(&["respondent", "list", "pinghu", "--json"]);
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        place.respondent = v["respondents"][0]["id"].as_str().unwrap().to_string();
        place
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_citydx"))
            .arg("--dir")
            .arg(&self.profiles)
            .args(args)
            .env("XDG_DATA_HOME", &self.data)
            .env_remove("CITYDX_PROFILES")
            .env("LANG", "C")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .output()
            .expect("run citydx")
    }

    /// Runs `args` and expects success: stdout.
    fn ok(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert!(o.status.success(), "{args:?}: {}", err(&o));
        String::from_utf8(o.stdout).unwrap()
    }

    /// Runs `args` and expects exit 1 with one line on stderr: that line.
    fn fails(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", out(&o));
        let e = err(&o);
        assert_eq!(e.lines().count(), 1, "{e}");
        assert!(o.stdout.is_empty());
        e
    }

    fn folder(&self) -> PathBuf {
        self.data.join("citydx")
    }

    fn book(&self) -> InviteBook {
        InviteBook::at(self.folder().join("invitations.json"))
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn keys(v: &Value) -> Vec<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

/// An ed25519 public key line with all 32 key bytes `fill`.
fn key_line(fill: u8, comment: &str) -> String {
    let mut blob = Vec::new();
    blob.extend_from_slice(&11u32.to_be_bytes());
    blob.extend_from_slice(b"ssh-ed25519");
    blob.extend_from_slice(&32u32.to_be_bytes());
    blob.extend_from_slice(&[fill; 32]);
    let body = base64::engine::general_purpose::STANDARD.encode(blob);
    format!("ssh-ed25519 {body} {comment}")
}

#[test]
fn an_invitation_prints_its_code_once_and_the_server_accepts_it() {
    let place = Place::new();
    let text = place.ok(&[
        "invite",
        "pinghu",
        "--respondent",
        "Kang Wei",
        "--domains",
        "services,economy",
        "--host",
        "survey.example.org",
    ]);
    let field = |label: &str| {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(label))
            .unwrap_or_else(|| panic!("{label} in {text}"))
            .trim()
            .to_string()
    };
    let user = field("User:");
    let code = field("Code:")
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    assert!(user.starts_with("r-") && user.len() == 10, "{user}");
    assert_eq!(code.len(), 14, "{code}");
    assert_eq!(
        field("Connect:"),
        format!("ssh -p 2222 {user}@survey.example.org")
    );
    assert!(
        text.contains("Livelihood & Services, Industry & Economy"),
        "{text}"
    );
    assert!(text.contains("Kang Wei"), "{text}");
    // no server ran yet: the fingerprint is not known
    assert!(field("Host key:").starts_with("not known yet"), "{text}");

    // on disk: private, a hash and no code
    let file = place.folder().join("invitations.json");
    let on_disk = fs::read_to_string(&file).unwrap();
    assert!(!on_disk.contains(&code) && !on_disk.contains(&code.replace('-', "")));
    let mode = fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);

    // what the server will do with it
    let book = place.book();
    let now = Utc::now();
    match book.check_code(&user, &code.to_lowercase(), now).unwrap() {
        AuthOutcome::Accepted(invitation) => {
            assert_eq!(invitation.profile, "pinghu");
            assert_eq!(invitation.respondent, place.respondent);
            assert_eq!(invitation.domains, vec!["services", "economy"]);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        book.check_code(&user, "0000-0000-0000", now).unwrap(),
        AuthOutcome::Refused(Refusal::WrongCode)
    );
}

#[test]
fn json_holds_the_documented_keys_and_the_fingerprint_once_known() {
    let place = Place::new();
    let v = place.json(&[
        "invite",
        "pinghu",
        "--respondent",
        &place.respondent,
        "--json",
        "--expires",
        "2d",
        "--host",
        "10.0.0.5",
        "--port",
        "2022",
    ]);
    assert_eq!(
        keys(&v),
        [
            "code",
            "domains",
            "expires",
            "profile",
            "respondent",
            "ssh",
            "user"
        ]
    );
    let user = v["user"].as_str().unwrap();
    assert_eq!(v["ssh"], format!("ssh -p 2022 {user}@10.0.0.5"));
    assert_eq!(v["domains"], serde_json::json!([]));
    assert_eq!(v["respondent"], place.respondent.as_str());
    let expires: DateTime<Utc> = v["expires"].as_str().unwrap().parse().unwrap();
    let left = expires - Utc::now();
    assert!(left <= chrono::Duration::days(2) && left > chrono::Duration::hours(47));

    fs::write(
        place.folder().join("host_key.pub.fingerprint"),
        "SHA256:Zm9vYmFyYmF6cXV4\n",
    )
    .unwrap();
    let v = place.json(&["invite", "pinghu", "--respondent", "Kang Wei", "--json"]);
    assert_eq!(v["fingerprint"], "SHA256:Zm9vYmFyYmF6cXV4");
    let text = place.ok(&["invite", "pinghu", "--respondent", "Kang Wei"]);
    assert!(text.contains("SHA256:Zm9vYmFyYmF6cXV4"), "{text}");
}

#[test]
fn a_key_invitation_has_no_code_and_takes_that_key() {
    let place = Place::new();
    let key_file = place.profiles.parent().unwrap().join("kang.pub");
    fs::write(&key_file, format!("{}\n", key_line(9, "kang@laptop"))).unwrap();
    let v = place.json(&[
        "invite",
        "pinghu",
        "--respondent",
        "Kang Wei",
        "--key",
        key_file.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(v.get("code"), None);
    let user = v["user"].as_str().unwrap();
    let book = place.book();
    assert!(matches!(
        book.check_key(user, &key_line(9, ""), Utc::now()).unwrap(),
        AuthOutcome::Accepted(_)
    ));
    assert_eq!(
        book.check_key(user, &key_line(10, ""), Utc::now()).unwrap(),
        AuthOutcome::Refused(Refusal::WrongKey)
    );
    let list = place.json(&["invite", "list", "pinghu", "--json"]);
    assert_eq!(list[0]["kind"], "key");
    // a private key given by mistake is refused, and nothing is made
    fs::write(&key_file, "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n").unwrap();
    let e = place.fails(&[
        "invite",
        "pinghu",
        "--respondent",
        "Kang Wei",
        "--key",
        key_file.to_str().unwrap(),
    ]);
    assert!(e.contains("private key") && e.contains("kang.pub"), "{e}");
    assert_eq!(place.book().list(None).unwrap().len(), 1);
}

#[test]
fn list_shows_each_state_and_never_a_hash() {
    let place = Place::new();
    let make = || {
        place.json(&["invite", "pinghu", "--respondent", "Kang Wei", "--json"])["user"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (live, revoked, burnt) = (make(), make(), make());
    let said = place.ok(&["invite", "revoke", &revoked]);
    assert!(said.contains(&revoked) && said.contains("pinghu"), "{said}");
    let book = place.book();
    for _ in 0..5 {
        book.check_code(&burnt, "x", Utc::now()).unwrap();
    }
    let raw = place.ok(&["invite", "list", "pinghu", "--json"]);
    assert!(!raw.contains("hash") && !raw.contains("salt"), "{raw}");
    let list: Value = serde_json::from_str(&raw).unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 3);
    for entry in list {
        assert_eq!(
            keys(entry),
            [
                "burnt",
                "created",
                "domains",
                "expired",
                "expires",
                "failures",
                "kind",
                "max_failures",
                "profile",
                "respondent",
                "revoked",
                "user"
            ]
        );
    }
    let of = |user: &str| list.iter().find(|e| e["user"] == user).unwrap();
    assert_eq!(of(&live)["revoked"], false);
    assert_eq!(of(&live)["burnt"], false);
    assert_eq!(of(&live)["expired"], false);
    assert_eq!(of(&live)["kind"], "code");
    assert_eq!(of(&revoked)["revoked"], true);
    assert_eq!(of(&burnt)["burnt"], true);
    assert_eq!(of(&burnt)["failures"], 5);

    let text = place.ok(&["invite", "list", "pinghu"]);
    let row = |user: &str| {
        text.lines()
            .find(|l| l.starts_with(user))
            .unwrap()
            .to_string()
    };
    assert!(
        row(&live).contains("live") && row(&live).contains("Kang Wei"),
        "{text}"
    );
    assert!(row(&revoked).contains("revoked"), "{text}");
    assert!(row(&burnt).contains("burnt"), "{text}");
    // another profile has none
    assert!(
        place
            .ok(&["invite", "list", "fukuoka"])
            .contains("no invitation")
    );
    assert_eq!(
        place.json(&["invite", "list", "fukuoka", "--json"]),
        serde_json::json!([])
    );
}

#[test]
fn refusals_are_one_line_exit_1_and_write_nothing() {
    let place = Place::new();
    let cases: [(&[&str], &str); 9] = [
        (&["invite", "nowhere", "--respondent", "x"], "nowhere"),
        (&["invite", "pinghu", "--respondent", "Nobody"], "Nobody"),
        (
            &[
                "invite",
                "pinghu",
                "--respondent",
                "Kang Wei",
                "--domains",
                "services,health",
            ],
            "\"health\" is not a domain id",
        ),
        (
            &[
                "invite",
                "pinghu",
                "--respondent",
                "Kang Wei",
                "--expires",
                "31d",
            ],
            "--expires \"31d\"",
        ),
        (
            &[
                "invite",
                "pinghu",
                "--respondent",
                "Kang Wei",
                "--expires",
                "2w",
            ],
            "--expires \"2w\"",
        ),
        (
            &[
                "invite",
                "pinghu",
                "--respondent",
                "Kang Wei",
                "--host=-oProxyCommand=x",
            ],
            "not a host name",
        ),
        (
            &[
                "invite",
                "pinghu",
                "--respondent",
                "Kang Wei",
                "--key",
                "/nonexistent.pub",
            ],
            "/nonexistent.pub",
        ),
        (&["invite", "revoke", "r-00000000"], "r-00000000"),
        (&["invite", "list", "../up"], "../up"),
    ];
    for (args, says) in cases {
        let e = place.fails(args);
        assert!(e.contains(says), "{args:?}: {e}");
        assert!(
            !place.folder().join("invitations.json").exists(),
            "{args:?}"
        );
    }
    // the same in Chinese
    let e = place.fails(&[
        "--lang",
        "zh",
        "invite",
        "pinghu",
        "--respondent",
        "Kang Wei",
        "--expires",
        "0d",
    ]);
    assert!(e.contains("最长 30 天"), "{e}");
    // a profile whose latest assessment has no respondent
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/fukuoka.json");
    fs::copy(src, place.profiles.join("fukuoka.json")).unwrap();
    let e = place.fails(&["invite", "fukuoka", "--respondent", "Kang Wei"]);
    assert!(e.contains("no respondent yet"), "{e}");
    // a usage error: the respondent is required
    assert_eq!(place.run(&["invite", "pinghu"]).status.code(), Some(2));
}

#[test]
fn an_invitations_file_that_does_not_parse_is_named_and_left_alone() {
    let place = Place::new();
    fs::create_dir_all(place.folder()).unwrap();
    let file = place.folder().join("invitations.json");
    fs::write(&file, "{\"version\": 1, \"invitations\": [{").unwrap();
    for args in [
        &["invite", "pinghu", "--respondent", "Kang Wei"][..],
        &["invite", "list", "pinghu"],
        &["invite", "revoke", "r-00000000"],
    ] {
        let e = place.fails(args);
        assert!(e.contains(&file.display().to_string()), "{e}");
        assert!(e.contains("does not parse"), "{e}");
    }
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        "{\"version\": 1, \"invitations\": [{"
    );
}

#[test]
fn invitations_speak_chinese() {
    let place = Place::new();
    let args = [
        "--lang",
        "zh",
        "invite",
        "pinghu",
        "--respondent",
        "Kang Wei",
        "--domains",
        "services",
        "--host",
        "example",
    ];
    let text = place.ok(&args);
    for label in [
        "用户名：",
        "登录码：",
        "有效期至：",
        "连接命令：",
        "主机密钥：",
        "民生与服务",
    ] {
        assert!(text.contains(label), "{label}: {text}");
    }
    let list = place.ok(&["--lang", "zh", "invite", "list", "pinghu"]);
    assert!(list.contains("有效") && list.contains("受访者"), "{list}");
    // the user name, the code and the respondent's id are ids: taken out
    // before the scan
    let user = place.book().list(None).unwrap()[0].user.clone();
    let code = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("登录码："))
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    let scanned = format!("{text}\n{list}")
        .replace(&user, "")
        .replace(&code, "")
        .replace(&place.respondent, "");
    // no English word but ids, names, the commands and abbreviations
    let allowed = [
        "Kang", "Wei", "pinghu", "UTC", "ssh", "services", "citydx", "serve", "example",
    ];
    for word in scanned
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3)
    {
        assert!(allowed.contains(&word), "{word:?} in {scanned}");
    }
}

#[test]
fn without_an_absolute_data_folder_nothing_is_written() {
    let place = Place::new();
    let cwd = place.profiles.parent().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_citydx"))
        .current_dir(cwd)
        .arg("--dir")
        .arg(&place.profiles)
        .args(["invite", "pinghu", "--respondent", "Kang Wei"])
        .env_remove("XDG_DATA_HOME")
        .env("HOME", "relative-home")
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("no data folder"), "{}", err(&o));
    assert!(!cwd.join("relative-home").exists());
}

#[test]
fn max_failures_sets_how_many_wrong_codes_burn_an_invitation() {
    let place = Place::new();
    let made = place.json(&[
        "invite",
        "pinghu",
        "--respondent",
        "Kang Wei",
        "--max-failures",
        "2",
        "--json",
    ]);
    let user = made["user"].as_str().unwrap();
    let book = place.book();
    book.check_code(user, "x", Utc::now()).unwrap();
    assert!(!book.find(user).unwrap().unwrap().burnt());
    book.check_code(user, "x", Utc::now()).unwrap();
    assert!(book.find(user).unwrap().unwrap().burnt());
    let list = place.json(&["invite", "list", "pinghu", "--json"]);
    assert_eq!(list[0]["max_failures"], 2);
    assert_eq!(list[0]["burnt"], true);
    // out of range: refused, nothing written
    for bad in ["0", "21", "many"] {
        let o = place.run(&[
            "invite",
            "pinghu",
            "--respondent",
            "Kang Wei",
            "--max-failures",
            bad,
        ]);
        assert!(!o.status.success(), "{bad}");
        assert!(err(&o).contains("--max-failures"), "{bad}: {}", err(&o));
    }
    assert_eq!(book.list(Some("pinghu")).unwrap().len(), 1);
}
