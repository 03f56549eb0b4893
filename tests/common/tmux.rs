//! Driving the real binary in a real terminal: tmux with send-keys and capture-pane.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

pub struct Tmux {
    socket: String,
    pub session: String,
}

impl Tmux {
    /// A shell in a detached tmux session of `width`×`height`, or None (with a message) when
    /// tmux is not installed. Each session gets its own server socket so tests don't collide.
    pub fn start(name: &str, width: u16, height: u16, dir: &Path) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            eprintln!("SKIPPED: tmux is not installed");
            return None;
        }
        let t = Tmux {
            socket: format!("ribao-test-{name}-{}", std::process::id()),
            session: name.to_string(),
        };
        let ok = t
            .cmd()
            .args([
                "new-session",
                "-d",
                "-s",
                name,
                "-x",
                &width.to_string(),
                "-y",
                &height.to_string(),
            ])
            .args([
                "-c",
                &dir.display().to_string(),
                "env",
                "-i",
                "PS1=$ ",
                "TERM=xterm-256color",
                "LANG=C.UTF-8",
            ])
            .arg(format!("HOME={}", dir.display()))
            .arg(format!(
                "PATH={}",
                std::env::var("PATH").unwrap_or_default()
            ))
            .args(["bash", "--norc", "--noprofile"])
            .status()
            .expect("run tmux")
            .success();
        assert!(ok, "tmux new-session failed");
        t.cmd()
            .args(["set-option", "-t", name, "status", "off"])
            .status()
            .unwrap();
        Some(t)
    }

    fn cmd(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket]);
        c
    }

    /// Type a line into the shell and press Enter.
    pub fn run(&self, line: &str) {
        self.cmd()
            .args(["send-keys", "-t", &self.session, "-l", line])
            .status()
            .unwrap();
        self.keys(&["Enter"]);
    }

    /// Makes the terminal `width` columns wide, at the shell's prompt: waits until the shell
    /// sees the width, which tmux 3.3 may give the terminal some time after it says the pane
    /// has it (a command run at once was told the width before).
    pub fn resize(&self, width: u16) {
        self.cmd()
            .args([
                "resize-window",
                "-t",
                &self.session,
                "-x",
                &width.to_string(),
            ])
            .status()
            .unwrap();
        // Made by the shell, so a row of the command typed cannot read as it (a review).
        let done = format!("resized to {width}");
        self.run(&format!(
            "until [ \"$(stty size | cut -d' ' -f2)\" = {width} ]; do sleep 0.02; done; \
             clear; printf 'resized to %s\\n' {width}"
        ));
        self.wait_for(&done, |s| s.lines().any(|l| l == done));
    }

    /// Send tmux key names (`q`, `Enter`, `Down`, `C-c`, …).
    pub fn keys(&self, keys: &[&str]) {
        self.cmd()
            .args(["send-keys", "-t", &self.session])
            .args(keys)
            .status()
            .unwrap();
    }

    /// Send literal text (UTF-8 included), as a user typing it.
    pub fn type_text(&self, text: &str) {
        self.cmd()
            .args(["send-keys", "-t", &self.session, "-l", text])
            .status()
            .unwrap();
    }

    pub fn screen(&self) -> String {
        self.capture(&[])
    }

    /// The screen with its colours and attributes as escape sequences.
    pub fn styled_screen(&self) -> String {
        self.capture(&["-e"])
    }

    fn capture(&self, flags: &[&str]) -> String {
        let out = self
            .cmd()
            .args(["capture-pane", "-p", "-t", &self.session])
            .args(flags)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Pastes `text` as a terminal does when the application asked for bracketed paste.
    pub fn paste(&self, text: &str) {
        let set = self
            .cmd()
            .args(["set-buffer", "--", text])
            .status()
            .unwrap();
        assert!(set.success());
        self.cmd()
            .args(["paste-buffer", "-p", "-t", &self.session])
            .status()
            .unwrap();
    }

    /// What a tmux command of this server prints (`show-buffer`, `set -g …`).
    pub fn tmux(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// A tmux format value for the pane, e.g. `#{alternate_on}`.
    pub fn pane_format(&self, format: &str) -> String {
        let out = self
            .cmd()
            .args(["display-message", "-p", "-t", &self.session, format])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Wait until the screen satisfies `ready` (10 s at most); returns the screen. It is
    /// taken only when it holds still for a moment: a capture can catch the terminal in the
    /// middle of drawing a frame (half a popup over the one before).
    pub fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ready(&screen) {
                std::thread::sleep(Duration::from_millis(30));
                if self.screen() == screen {
                    return screen;
                }
                continue;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "timed out waiting for {what}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Tmux {
    /// Closes the terminal, as closing its window does: every pane's shell is hung up.
    pub fn close(&self) {
        let _ = self.cmd().arg("kill-server").status();
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.close();
    }
}

/// Each row of a captured screen as (display column, char) for every char, wide ones taking
/// their first column.
pub fn cells(screen: &str) -> Vec<Vec<(usize, char)>> {
    use unicode_width::UnicodeWidthStr;
    screen
        .lines()
        .map(|line| {
            let mut col = 0;
            line.char_indices()
                .map(|(i, c)| {
                    let at = col;
                    col += line[i..i + c.len_utf8()].width();
                    (at, c)
                })
                .collect()
        })
        .collect()
}
