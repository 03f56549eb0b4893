//! The search view's state: the search line, its scope, the results of the latest answered
//! query, the selected result (shown in the article pane, its matches marked) and where the
//! keyboard is. The main view's state is left untouched underneath, so closing the search
//! shows it exactly as it was.

use super::highlight::Marked;
use super::line_edit::LineEdit;
use super::places::Places;
use super::scope::{self, ItemRef, Scope};
use crate::library::Library;
use crate::search::{Query, Snippet, Snippets};
use crate::text::TextOptions;
use crate::text::place::{Anchor, chars_before};
use std::collections::HashMap;

/// Where the keyboard is in the search view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SearchFocus {
    /// The search line: letters are text.
    #[default]
    Line,
    Results,
    /// The selected result's article.
    Article,
}

/// What the marked article rows were computed for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MarkKey {
    pub item: ItemRef,
    pub width: usize,
    pub opts: TextOptions,
    pub terms: Vec<String>,
}

/// A result to select by id once an answer has it (see [`SearchView::reselect`]).
#[derive(Debug, Clone, Default)]
pub(crate) struct Reselect {
    /// The query, as typed, it is to be selected in: the answer to another drops it.
    pub asked: String,
    pub id: String,
    /// It is to be read too, as it was when the search was left.
    pub read: bool,
    /// The results beside it, nearest first after it then before it: the one selected in
    /// its place when the store no longer has it (tester DN: the first result was).
    pub near: Vec<String>,
}

/// A search as `/` brings it back: the one closed last, or the results left to edit the
/// query.
#[derive(Debug, Clone)]
pub(crate) struct LastSearch {
    pub(crate) query: String,
    pub(crate) scope: Scope,
    /// The id of the result that was selected.
    pub(crate) selected: Option<String>,
}

#[derive(Debug, Default)]
pub struct SearchView {
    pub line: LineEdit,
    pub scope: Scope,
    pub focus: SearchFocus,
    /// The line was gone back to from the results (`/` to edit the query): Esc returns to
    /// them as they were, the query, scope and result selected (tester CX: the edit stayed,
    /// and the result chosen was lost), rather than closing the search.
    pub(crate) back_to_results: Option<LastSearch>,
    /// Number of the latest request; older answers are dropped.
    pub(crate) generation: u64,
    /// The latest request (query and scope), to skip asking the same again, and the query
    /// as it was typed then.
    pub(crate) requested: Option<(Query, Scope)>,
    pub(crate) requested_text: String,
    /// A request is out and not answered yet.
    pub pending: bool,
    /// The answer to the latest answered request: the stories found, in order.
    pub hits: Vec<ItemRef>,
    /// The query the hits answer (as typed), its terms (folded) and scope.
    pub answered: String,
    pub terms: Vec<String>,
    pub answered_scope: Scope,
    /// With no hits in a narrower scope, how many the whole archive has (see
    /// [`crate::tui::background::SearchResponse::in_archive`]).
    pub in_archive: Option<usize>,
    pub selected: usize,
    /// Moves through the results, and whether Enter read one, while the answer to the
    /// query asked last was still to come: done in that answer when it comes, the first
    /// result counted from (tester EL: `/openai⏎jjj` typed fast selected the first one).
    pub(crate) early_moves: isize,
    pub(crate) read_when_answered: bool,
    /// The result selected when an answer in another scope left it out: selected again by
    /// a later answer that has it, unless another was chosen meanwhile (tester BU: a day
    /// without it, then the archive again, selected the first result).
    pub(crate) missing: Option<ItemRef>,
    /// First visible result.
    pub offset: usize,
    /// The story the article pane shows, its scroll and the current match.
    pub(crate) shown: Option<ItemRef>,
    /// The result to select when the answer to its query comes: the search reopened, or the
    /// library replaced (the old results' places mean nothing in it).
    pub(crate) reselect: Option<Reselect>,
    /// The shown article was laid out again at another width and not drawn since.
    pub(crate) relaid: bool,
    pub scroll: usize,
    /// Where to scroll the shown result to when it is laid out: where it was left, in the
    /// results or the reader (tester AO: it started at its top again).
    pub(crate) place: Option<usize>,
    pub current: Option<usize>,
    pub(crate) marked: Option<(MarkKey, Marked)>,
    pub(crate) article_len: usize,
    pub(crate) article_height: usize,
    /// Where the last relayout of the article scrolled to.
    pub(crate) anchor: Option<crate::text::place::Anchor>,
    /// Snippets of the results, made for the rows on screen (once per result) for the
    /// answered terms.
    pub(crate) snippets: HashMap<ItemRef, Snippet>,
    pub(crate) snippet_maker: Snippets,
}

impl SearchView {
    pub fn new(scope: Scope) -> SearchView {
        SearchView {
            scope,
            answered_scope: scope,
            ..SearchView::default()
        }
    }

    /// The query as typed, parsed.
    pub fn query(&self) -> Query {
        Query::parse(self.line.text())
    }

    /// The selected result.
    pub fn selected_hit(&self) -> Option<ItemRef> {
        self.hits.get(self.selected).copied()
    }

    /// Takes a search's answer. The same query answered again (in another scope, over a
    /// store that changed) keeps the selected story selected when it is still found; another
    /// query starts at its first result (the story read last under the old one stayed
    /// selected, deep in the new results, which looked out of order).
    pub(crate) fn set_hits(
        &mut self,
        hits: Vec<ItemRef>,
        query: &str,
        scope: Scope,
        places: &mut Places,
        library: &Library,
    ) {
        let keep = (self.missing.or(self.selected_hit())).filter(|_| self.answered == query);
        self.hits = hits;
        self.answered = query.to_string();
        self.terms = Query::parse(query).words();
        self.answered_scope = scope;
        self.snippets.clear();
        self.snippet_maker = Snippets::new(&self.terms);
        let found = keep.and_then(|r| self.hits.iter().position(|&h| h == r));
        let early = std::mem::take(&mut self.early_moves).max(0) as usize;
        self.selected = match keep {
            None => early.min(self.hits.len().saturating_sub(1)),
            Some(_) => found.unwrap_or(0),
        };
        self.missing = keep.filter(|_| found.is_none());
        // No result to read: the keys go back to the results, which say why (tester BU: the
        // article's keys stayed offered over "no result to show"); nor when the one read is
        // not among them (tester CQ: another was read in its place, unsaid).
        if (self.hits.is_empty() || self.missing.is_some()) && self.focus == SearchFocus::Article {
            self.focus = SearchFocus::Results;
        }
        self.sync_shown(places, library);
    }

    pub(crate) fn move_by(&mut self, delta: isize, places: &mut Places, library: &Library) {
        if self.pending {
            self.early_moves += delta;
        }
        let last = self.hits.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        self.missing = None;
        // Another chosen: the one still to be selected is not.
        self.reselect = None;
        self.sync_shown(places, library);
    }

    /// The selected result read: the keys go to its article, and the one still to be
    /// selected once an answer has it (after a restart, while files are indexed) is not.
    pub(crate) fn read_selected(&mut self) {
        self.focus = SearchFocus::Article;
        self.reselect = None;
        // The one read now is the one to keep, not one read before (a review: `a` took the
        // article back to it).
        self.missing = None;
    }

    /// The article pane follows the selection: a story starts at its top, or where it was
    /// left, here or in the reader; the one shown until now is left where it is.
    pub(crate) fn sync_shown(&mut self, places: &mut Places, library: &Library) {
        let now = self.selected_hit();
        if now != self.shown {
            self.leave_shown(places, library);
            self.shown = now;
            self.scroll = 0;
            self.place = now.and_then(|r| places.get(scope::id(library, r)));
            self.current = None;
        }
    }

    /// Keeps where the shown result was read to, once it has been laid out (until then, what
    /// was kept for it stands).
    pub(crate) fn leave_shown(&self, places: &mut Places, library: &Library) {
        let Some(r) = self.shown else { return };
        let laid_out = self.marked.as_ref().filter(|(key, _)| key.item == r);
        if let Some((_, marked)) = laid_out {
            let place = Anchor::kept_at(self.anchor, self.scroll)
                .unwrap_or_else(|| chars_before(&marked.lines, self.scroll));
            places.leave(scope::id(library, r), place);
        }
    }

    pub fn max_scroll(&self) -> usize {
        self.article_len.saturating_sub(self.article_height)
    }
}
