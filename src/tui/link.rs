//! Checking a story's link before it leaves the reader: to the browser (as one argument of a
//! process, never through a shell) or to the clipboard (inside an OSC 52 escape).

use crate::text;

/// Longer links are not real story links, and some terminals cap OSC 52 payloads.
const MAX_URL_BYTES: usize = 4096;

/// Why a link is not handed on.
#[derive(Debug, PartialEq)]
pub enum Refused {
    /// No plain http(s) URL with a host (`javascript:`, `file:`).
    NotWeb,
    /// A space, tab or line break in it, which no address has: refused, not encoded, as one
    /// crafted to run commands has them (`…/a b; rm -rf ~`), though none reaches a shell.
    Blank,
    /// Longer than [`MAX_URL_BYTES`]: its length in bytes, as it would be handed on.
    TooLong(usize),
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Refused::NotWeb => write!(f, "not an http(s) URL"),
            // (Said as what it is: an http(s) one was said to be none; tester DO.)
            Refused::Blank => write!(f, "no address: it has a space or a line break in it"),
            Refused::TooLong(len) => {
                write!(
                    f,
                    "{len} bytes long, more than the {MAX_URL_BYTES} a link may be"
                )
            }
        }
    }
}

/// The link, cleaned, when it is a plain http(s) URL: sanitised (no escapes or controls),
/// trimmed, with a host, and without whitespace. Quotes, backticks, angle brackets and
/// backslashes, which a page's address may hold (`wiki/Hilbert's_problems`), are
/// percent-encoded as browsers do, so no program the URL is handed to can take them for
/// its own syntax. Anything else (`javascript:`, `file:`, `-flag`, text with spaces) is
/// refused.
pub fn safe_url(raw: &str) -> Result<String, Refused> {
    // Whitespace is refused before controls are encoded: a tab or a line break is no
    // address's.
    if raw.trim().contains(char::is_whitespace) {
        return Err(Refused::Blank);
    }
    let clean = text::address(raw);
    let url = clean.trim();
    let scheme = text::web_scheme_len(url).ok_or(Refused::NotWeb)?;
    let rest = &url[scheme..];
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = &rest[..host_end];
    let forbidden = |c: char| c.is_whitespace() || c.is_control();
    if host.is_empty()
        || host.starts_with('@')
        || host.contains(QUOTED)
        || url.chars().any(forbidden)
    {
        return Err(Refused::NotWeb);
    }
    let out = text::percent_encoded(url, |c| QUOTED.contains(&c));
    match out.len() {
        len if len > MAX_URL_BYTES => Err(Refused::TooLong(len)),
        _ => Ok(out),
    }
}

/// What [`safe_url`] percent-encodes; no host name holds one.
const QUOTED: [char; 6] = ['"', '\'', '`', '<', '>', '\\'];

/// The OSC 52 sequence that asks the terminal to put `text` on the clipboard.
pub fn osc52(text: &str) -> String {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{encoded}\x07")
}

/// Why a copy sent from inside tmux does not reach the clipboard: tmux passes a program's
/// OSC 52 on only with `set-clipboard on`; its default, `external`, drops it (tester DA:
/// "sent to the clipboard", and the paste was empty). None where it passes it on, tmux
/// cannot be asked, or this is no tmux pane: `$TMUX` alone is inherited by a terminal
/// window started from one (a review), whose `TERM` is not tmux's.
pub fn tmux_drops_copies() -> Option<String> {
    use std::process::{Command, Stdio};
    std::env::var_os("TMUX").filter(|v| !v.is_empty())?;
    let term = std::env::var("TERM").unwrap_or_default();
    if !(term.starts_with("tmux") || term.starts_with("screen")) {
        return None;
    }
    let asked = Command::new("tmux")
        .args(["show-options", "-gv", "set-clipboard"])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|out| out.status.success())?;
    let setting = String::from_utf8_lossy(&asked.stdout).trim().to_string();
    (setting != "on").then(|| {
        // Short, to keep to the status bar's row (tester DJ: it took both, the counts hidden).
        format!(
            "tmux drops it (set-clipboard {}; set -g set-clipboard on passes it)",
            text::single_line(&setting)
        )
    })
}

/// Whether `program` draws in the terminal, and so must be given it, run in the foreground
/// while the reader's screen is left (tester DJ: w3m drew over the reader, and both read the
/// keys): a browser of the terminal, told by its name as Python's `webbrowser` tells them;
/// or the system's opener where there is no graphical display (an SSH session, a console),
/// where it starts one of them (`www-browser`).
pub fn takes_the_terminal(program: &str) -> bool {
    const TERMINAL_BROWSERS: [&str; 8] = [
        "w3m",
        "lynx",
        "links",
        "links2",
        "elinks",
        "www-browser",
        "browsh",
        "carbonyl",
    ];
    let path = std::path::Path::new(program);
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or(program);
    let display = |var: &str| std::env::var_os(var).is_some_and(|v| !v.is_empty());
    TERMINAL_BROWSERS.contains(&name)
        || name == "xdg-open" && !display("DISPLAY") && !display("WAYLAND_DISPLAY")
}

/// The system's own opener of a URL in the default browser.
const SYSTEM_OPENER: &str = if cfg!(target_os = "macos") {
    "open"
} else if cfg!(windows) {
    "explorer"
} else {
    "xdg-open"
};

/// The programs (each with its arguments) that may open `url`, to be tried in order: the
/// user's `$BROWSER` when set (each entry when it lists several with `:`, as the convention
/// has it; `%s` stands for the URL, else the URL comes last), else the system's opener.
/// Words are split on blanks and run without a shell, so nothing in the URL is ever
/// interpreted.
pub fn openers(browser: Option<&str>, url: &str) -> Vec<(String, Vec<String>)> {
    let mut chosen: Vec<&str> = browser
        .into_iter()
        .flat_map(|b| b.split(':'))
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    if chosen.is_empty() {
        chosen.push(SYSTEM_OPENER);
    }
    chosen
        .into_iter()
        .map(|entry| {
            let mut words = entry.split_whitespace().map(str::to_string);
            let program = words.next().expect("an entry is not blank");
            let mut args: Vec<String> = words.collect();
            if args.iter().any(|a| a.contains("%s")) {
                for a in &mut args {
                    *a = a.replace("%s", url);
                }
            } else {
                args.push(url.to_string());
            }
            (program, args)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browsers_of_the_terminal_are_told_by_name() {
        assert!(takes_the_terminal("w3m"));
        assert!(takes_the_terminal("/usr/bin/lynx"));
        assert!(!takes_the_terminal("firefox"));
        assert!(!takes_the_terminal("w3m-helper"));
    }

    #[test]
    fn accepts_http_and_https_only() {
        assert_eq!(
            safe_url(" https://example.com/a?b=1 ").as_deref(),
            Ok("https://example.com/a?b=1")
        );
        assert!(safe_url("HTTP://example.com").is_ok());
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "-oProxyCommand=x",
            "https://",
            "https://exa'mple.com/",
            "ftp://example.com",
            "",
        ] {
            assert_eq!(safe_url(bad), Err(Refused::NotWeb), "{bad}");
        }
        for blank in [
            "https://exa mple.com",
            "https://example.com/$(rm -rf ~)",
            "https://example.com/\"; rm -rf ~",
        ] {
            assert_eq!(safe_url(blank), Err(Refused::Blank), "{blank}");
        }
        assert_eq!(
            Refused::Blank.to_string(),
            "no address: it has a space or a line break in it"
        );
    }

    #[test]
    fn quotes_in_an_address_are_percent_encoded() {
        assert_eq!(
            safe_url("https://en.wikipedia.org/wiki/Hilbert's_problems").as_deref(),
            Ok("https://en.wikipedia.org/wiki/Hilbert%27s_problems")
        );
        assert_eq!(
            safe_url(r#"https://e.example/a"b`c<d>e\f"#).as_deref(),
            Ok("https://e.example/a%22b%60c%3Cd%3Ee%5Cf")
        );
    }

    /// An escape in an address (`&#27;` decoded) or an invisible character is
    /// percent-encoded, as a browser sends it, not removed: removed with the sequence it
    /// seemed to start, an escape took the address's tail (tester N), and a bidi override
    /// made another address of it (tester T).
    #[test]
    fn controls_and_invisible_characters_in_an_address_are_percent_encoded() {
        for (raw, sent) in [
            (
                "https://example.com/hostile?q=\x1b[31m",
                "https://example.com/hostile?q=%1B[31m",
            ),
            ("https://example.com/\u{9b}x", "https://example.com/%C2%9Bx"),
            (
                "https://example.com/\u{202e}txt.exe",
                "https://example.com/%E2%80%AEtxt.exe",
            ),
            (
                "https://example.com/a\u{200b}b",
                "https://example.com/a%E2%80%8Bb",
            ),
        ] {
            assert_eq!(safe_url(raw).as_deref(), Ok(sent), "{raw:?}");
        }
        assert_eq!(
            safe_url("https://example.com/a\tb"),
            Err(Refused::Blank),
            "whitespace is refused"
        );
    }

    /// An address too long to hand on says how long it is, not that it is no address.
    #[test]
    fn an_overlong_address_says_its_length() {
        let long = format!("https://example.com/{}", "b".repeat(4077));
        assert_eq!(safe_url(&long[..4096]).map(|u| u.len()), Ok(4096));
        assert_eq!(safe_url(&long), Err(Refused::TooLong(4097)));
        assert_eq!(
            Refused::TooLong(4097).to_string(),
            "4097 bytes long, more than the 4096 a link may be"
        );
    }

    #[test]
    fn osc52_carries_the_text_as_base64() {
        assert_eq!(osc52("foo"), "\x1b]52;c;Zm9v\x07");
        assert_eq!(
            osc52("https://a.b/中"),
            "\x1b]52;c;aHR0cHM6Ly9hLmIv5Lit\x07"
        );
    }

    #[test]
    fn the_users_browser_opens_links_without_a_shell() {
        let url = "https://a.example/x?q=1;rm -rf";
        let o = |b: Option<&str>| openers(b, url);
        assert_eq!(
            o(None),
            [(SYSTEM_OPENER.to_string(), vec![url.to_string()])]
        );
        assert_eq!(o(Some("")), o(None));
        assert_eq!(o(Some(" : ")), o(None));
        assert_eq!(
            o(Some("firefox --new-tab")),
            [("firefox".into(), vec!["--new-tab".into(), url.into()])]
        );
        // Each entry of a list, in order (the first one installed opens it).
        assert_eq!(
            o(Some("w3m %s:lynx")),
            [
                ("w3m".into(), vec![url.to_string()]),
                ("lynx".into(), vec![url.to_string()])
            ]
        );
    }
}
