//! A story's links: `o` opens and `y` copies the first one worth it, `L` lists them all.

use super::{App, Effect, ItemRef};
use crate::tui::action::Action;
use crate::tui::link;
use crate::tui::links::{LinksView, Listed};

impl App {
    /// `action` (`o`, `y`) on the story's link: its own, else the first of its text's that
    /// is not a picture's address. One that cannot be opened is said so, never passed over
    /// for another page.
    pub(super) fn on_link(&mut self, action: Action) -> Option<Effect> {
        let r = self.targeted()?;
        self.on_link_of(action, r, "story")
    }

    /// `action` on story `r`'s link, chosen as [`App::on_link`] chooses it; `what` the
    /// story is to the user (a `story`, a `bookmark`).
    pub(super) fn on_link_of(&mut self, action: Action, r: ItemRef, what: &str) -> Option<Effect> {
        let (own, numbered) = self.link_targets(r);
        self.on_first_link(action, own, numbered, what)
    }

    /// `action` (`o`, `y`) on the link of the copy `mark` kept of a story the store no
    /// longer holds, chosen as a story's is (a review: its text's were passed over).
    pub(super) fn on_kept_link(
        &mut self,
        action: Action,
        mark: &crate::state::Bookmark,
    ) -> Option<Effect> {
        let numbered = self.kept_links(mark);
        self.on_first_link(action, mark.url.clone(), numbered, "bookmark")
    }

    /// `action` on `own` link, else the first of `numbered` that is not a picture's; or the
    /// user told why there is none, of the `what` (`story`) they belong to.
    fn on_first_link(
        &mut self,
        action: Action,
        own: Option<String>,
        numbered: Vec<crate::text::LinkTarget>,
        what: &str,
    ) -> Option<Effect> {
        let pictures = numbered.iter().any(|l| l.image);
        match Self::first_link(own, numbered) {
            Some(url) => self.hand_on(action, &url, &format!("this {what}'s link")),
            None => {
                let why = match pictures {
                    true => format!("this {what} links only its pictures: L lists them"),
                    false => format!("this {what} has no link"),
                };
                // A note on the key, gone with the next, which may leave the story (tester
                // CI: after `[` it stayed over a date without one).
                self.notify(why, false);
                None
            }
        }
    }

    /// The link `o` takes: `own`, else the first of `numbered` that is not a picture's.
    fn first_link(own: Option<String>, numbered: Vec<crate::text::LinkTarget>) -> Option<String> {
        own.or_else(|| numbered.into_iter().find(|l| !l.image).map(|l| l.url))
    }

    /// The copy `mark` kept of a story the store no longer holds, shown in the bookmarks
    /// view with the link `o` takes there, named in the hints when it can be opened (tester
    /// CD: its text's was not).
    pub(super) fn show_missing(&mut self, mark: crate::state::Bookmark) {
        let numbered = self.kept_links(&mark);
        // As `L` lists them (a review: a guess at `://` in its text offered it for none).
        let listed = mark.url.is_some() || !numbered.is_empty();
        let link =
            Self::first_link(mark.url.clone(), numbered).and_then(|url| link::safe_url(&url).ok());
        if let Some(view) = self.bookmarks.as_mut() {
            view.show_missing(mark, link, listed);
        }
    }

    /// `action` on the link `raw`: copied for `y`, else opened; or the user told why not
    /// (`what` names the link).
    pub(super) fn hand_on(&mut self, action: Action, raw: &str, what: &str) -> Option<Effect> {
        let copy = action == Action::CopyLink;
        match link::safe_url(raw) {
            Ok(url) if copy => Some(Effect::CopyUrl(url)),
            Ok(url) => Some(Effect::OpenUrl(url)),
            Err(why) => {
                let not = if copy { "not copied" } else { "not opened" };
                self.notify(format!("{what} is {why}; {not}"), true);
                None
            }
        }
    }

    /// Every link of a story, marked as the article shows them: `🔗` its `own`, `[n]` those
    /// of its text (`numbered`), with their text.
    fn listed_links(own: Option<String>, numbered: Vec<crate::text::LinkTarget>) -> Vec<Listed> {
        let own = own.map(|url| Listed {
            mark: OWN_LINK.to_string(),
            text: String::new(),
            url,
        });
        let numbered = numbered.into_iter().enumerate().map(|(n, l)| Listed {
            mark: format!("[{}]", n + 1),
            // A link whose text is its address says it once.
            text: if l.label == l.url {
                String::new()
            } else {
                l.label
            },
            url: l.url,
        });
        own.into_iter().chain(numbered).collect()
    }

    /// Story `r`'s own link and its text's in `[n]` order.
    fn link_targets(&mut self, r: ItemRef) -> (Option<String>, Vec<crate::text::LinkTarget>) {
        let (_, item) = self.item_at(r);
        let own = item.url.map(str::to_string);
        let id = item.id.to_string();
        let body = self
            .library
            .story(self.library.global(r))
            .map(|story| story.body)
            .unwrap_or_default();
        let numbered = self.text_links(&id, &body, own.as_deref());
        (own, numbered)
    }

    /// The links of story `id`'s text `body` (whose own link is `own`), in `[n]` order, as
    /// the article numbers them at its width.
    fn text_links(
        &mut self,
        id: &str,
        body: &str,
        own: Option<&str>,
    ) -> Vec<crate::text::LinkTarget> {
        let width = self.view.article_width.max(20);
        self.article.body_links(id, body, own, width, self.text)
    }

    /// `L`: the links of the story being read or highlighted.
    pub(super) fn open_links(&mut self) {
        if let Some(r) = self.targeted() {
            self.open_links_of(r);
        }
    }

    /// The links of story `r` listed.
    pub(super) fn open_links_of(&mut self, r: ItemRef) {
        let (own, numbered) = self.link_targets(r);
        let title = self.item_at(r).1.title.to_string();
        self.show_links(Self::listed_links(own, numbered), title, "story");
    }

    /// The links of the copy `mark` kept of a story the store no longer holds, listed as the
    /// story's would be (tester AW: `L` did nothing, though its text numbers links).
    pub(super) fn open_kept_links(&mut self, mark: &crate::state::Bookmark) {
        let numbered = self.kept_links(mark);
        let title = mark.shown_title().to_string();
        // Said of the bookmark, as `o` says it (tester CK: `L` said "story").
        self.show_links(
            Self::listed_links(mark.url.clone(), numbered),
            title,
            "bookmark",
        );
    }

    /// The links of the text `mark` kept, in `[n]` order.
    fn kept_links(&mut self, mark: &crate::state::Bookmark) -> Vec<crate::text::LinkTarget> {
        let body = mark.text.as_deref().unwrap_or_default();
        // Not the story's own id: what the article cache holds under it is its text now.
        let id = format!("kept:{}", mark.id);
        self.text_links(&id, body, mark.url.as_deref())
    }

    /// `links` of the story `title` listed; its own once, where the text numbers it when it
    /// does. None are said to be of the `what` (`story`) they belong to.
    fn show_links(&mut self, mut links: Vec<Listed>, title: String, what: &str) {
        if links.is_empty() {
            self.notify(format!("this {what} has no link"), false);
            return;
        }
        if let Some((own, numbered)) = links.split_first()
            && own.mark == OWN_LINK
            && numbered.iter().any(|l| l.url == own.url)
        {
            links.remove(0);
        }
        self.links = Some(LinksView {
            links,
            story: title,
            ..LinksView::default()
        })
    }

    pub(super) fn update_links(&mut self, action: Action) -> Option<Effect> {
        let view = self.links.as_mut()?;
        if let Some(by) = action.step(view.height.max(2) as isize - 1) {
            view.move_by(by);
            return None;
        }
        match action {
            Action::Open | Action::OpenLink | Action::CopyLink => {
                let raw = view.selected_url()?.to_string();
                return self.hand_on(action, &raw, "this link");
            }
            Action::Back | Action::Links | Action::Quit => self.links = None,
            // Over the list, which it leaves as it is (tester BY: refused).
            Action::Help => self.help = Some(0),
            // Taken by the list while it is open: said, not passed over in silence.
            _ => self.notify(
                "the links list is open: Enter opens, y copies, Esc, L or q closes",
                false,
            ),
        }
        None
    }
}

/// How a story's own link is labelled among its links (those of its text say `[n]`).
const OWN_LINK: &str = "🔗";
