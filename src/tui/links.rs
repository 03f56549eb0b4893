//! The links view: every link of the story being read (its own, then those of its text in
//! the `[n]` order the article shows), to open or copy any of them.

/// One link of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// `🔗` for the story's own link, `[n]` for the text's.
    pub mark: String,
    /// What the article shows for it (the link's text, a picture's label); empty when that
    /// is the address itself.
    pub text: String,
    pub url: String,
}

/// The links listed, and which is selected.
#[derive(Debug, Default)]
pub struct LinksView {
    pub links: Vec<Listed>,
    /// The story's title: the popup says whose links these are (the one highlighted in the
    /// stories pane may not be the one the article pane shows).
    pub story: String,
    pub selected: usize,
    /// First visible row, kept between draws so the list scrolls only when the selection
    /// leaves it; and how many rows show (a page).
    pub offset: usize,
    pub height: usize,
    /// Digits typed in a row: the number of the `[n]` link to go to; and when the last was.
    pub(crate) typed: String,
    pub(crate) typed_at: std::time::Duration,
}

/// How long after a digit the next one still adds to its number: after a pause a digit
/// starts a number of its own (tester R: `1`, a pause, `1` went to `[11]`).
const DIGITS_PAUSE: std::time::Duration = std::time::Duration::from_millis(1500);

impl LinksView {
    /// The selected link's address.
    pub fn selected_url(&self) -> Option<&str> {
        self.links.get(self.selected).map(|l| l.url.as_str())
    }

    /// Moves the selection by `by` rows (`isize::MIN`/`MAX`: to the first/last), staying in
    /// the list.
    pub fn move_by(&mut self, by: isize) {
        let last = self.links.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(by).min(last);
        self.typed.clear();
    }

    /// A digit typed at `now` (the reader's clock): the selection goes to link `[n]`, `n`
    /// being the digits typed in a row (`1` `2` for `[12]`, within [`DIGITS_PAUSE`] of each
    /// other), or this digit alone when there is no such link. False when no link has the
    /// number.
    pub fn number_key(&mut self, digit: char, now: std::time::Duration) -> bool {
        if now.saturating_sub(self.typed_at) > DIGITS_PAUSE {
            self.typed.clear();
        }
        self.typed_at = now;
        self.typed.push(digit);
        for typed in [self.typed.clone(), digit.to_string()] {
            let label = format!("[{typed}]");
            if let Some(at) = self.links.iter().position(|l| l.mark == label) {
                self.selected = at;
                self.typed = typed;
                return true;
            }
        }
        self.typed.clear();
        false
    }
}
