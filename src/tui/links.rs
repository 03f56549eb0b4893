//! The links view: every link of the story being read (its own, then those of its text in
//! the `[n]` order the article shows), to open or copy any of them.

/// The links listed, and which is selected.
#[derive(Debug, Default)]
pub struct LinksView {
    /// (label, address): `🔗` for the story's own link, `[n]` for the text's.
    pub links: Vec<(String, String)>,
    /// The story's title: the popup says whose links these are (the one highlighted in the
    /// stories pane may not be the one the article pane shows).
    pub story: String,
    pub selected: usize,
    /// First visible row, kept between draws so the list scrolls only when the selection
    /// leaves it; and how many rows show (a page).
    pub offset: usize,
    pub height: usize,
}

impl LinksView {
    /// The selected link's address.
    pub fn selected_url(&self) -> Option<&str> {
        self.links.get(self.selected).map(|(_, url)| url.as_str())
    }

    /// Moves the selection by `by` rows (`isize::MIN`/`MAX`: to the first/last), staying in
    /// the list.
    pub fn move_by(&mut self, by: isize) {
        let last = self.links.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(by).min(last);
    }
}
