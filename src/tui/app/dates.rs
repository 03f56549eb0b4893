//! Moving between dates and scopes: a date, a category or a scope chosen, the last N days
//! moved, `[` `]` and the dates visited.

use super::{App, CategoryFilter, ItemRef, Scope, Visit};
use crate::tui::scope;

impl App {
    /// Selects a date group. In the one-date scope the categories and items become the
    /// date's; in a multi-date scope the item list jumps to the date's first story.
    pub(super) fn select_date(&mut self, index: usize) {
        self.select_date_keeping(index, None);
    }

    /// [`App::select_date`], keeping the category `keep` when a one-date scope's new date
    /// has it.
    fn select_date_keeping(&mut self, index: usize, keep: Option<CategoryFilter>) {
        self.date = index.min(self.dates.len().saturating_sub(1));
        self.category_date = None;
        self.leave_story();
        self.opened = None;
        self.scroll = 0;
        if self.scope.is_multi_date() {
            if let Some(s) = self.span_index() {
                self.item = self.spans[s].start;
                // The date's header row at the top of the list.
                self.view.offsets[2] = crate::tui::ui::items::first_header_row(self, self.item);
            }
        } else {
            self.refresh_scope(keep, None);
        }
    }

    /// The date on the dates pane's top row, when the pane is scrolled and its place is not
    /// one still to be restored: at the top, a date come above is shown there (a review).
    pub(super) fn top_date(&self) -> Option<Option<chrono::NaiveDate>> {
        let top = self.view.offsets[0];
        let scrolled = top > 0 && self.unrestored.is_none();
        scrolled.then(|| self.date_rows().nth(top)).flatten()
    }

    /// Scrolls the dates pane to have `date` (see [`App::top_date`]) on its top row when it
    /// is listed: a date come or gone above it moved every row shown (tester CE).
    pub(super) fn put_date_on_top(&mut self, date: Option<Option<chrono::NaiveDate>>) {
        if let Some(row) = date.and_then(|d| self.date_rows().position(|r| r == d)) {
            self.view.offsets[0] = row;
        }
    }

    /// The dates the dates pane lists, a row each.
    fn date_rows(&self) -> Box<dyn Iterator<Item = Option<chrono::NaiveDate>> + '_> {
        match self.scope.is_multi_date() {
            true => Box::new(self.spans.iter().map(|s| self.dates[s.group].date)),
            false => Box::new(self.dates.iter().map(|g| g.date)),
        }
    }

    pub(super) fn select_category(&mut self, index: usize) {
        self.category = index.min(self.categories.len().saturating_sub(1));
        self.followed = Some(self.category().clone()).filter(|f| *f != CategoryFilter::All);
        // Over several dates, from the date chosen (tester CG: each category went to its
        // newest date, all of them too).
        self.category_date.get_or_insert(self.date);
        self.refresh_items(None);
    }

    /// Recomputes what the scope covers: its digests, their categories (keeping `keep` when
    /// the scope has it) and the items.
    pub(super) fn refresh_scope(&mut self, keep: Option<CategoryFilter>, anchor: Option<ItemRef>) {
        self.scope_digests = scope::digests_in(&self.dates, self.scope, self.scope_at(self.scope));
        let several_dates = self.scope.is_multi_date();
        self.categories = scope::categories(&self.library, &self.scope_digests, several_dates);
        self.unread = None;
        self.category = keep
            .and_then(|f| self.categories.iter().position(|c| c.filter == f))
            .unwrap_or(0);
        self.refresh_items(anchor);
    }

    /// Recomputes the item list for the scope and category; `anchor` stays selected when the
    /// list has it.
    fn refresh_items(&mut self, anchor: Option<ItemRef>) {
        let filter = self.category().clone();
        self.items = scope::items(&self.library, &self.scope_digests, &filter);
        self.spans = if self.scope.is_multi_date() {
            scope::date_spans(&self.items, &self.group_of)
        } else {
            Vec::new()
        };
        // Without a story to keep, over several dates the first of the date chosen, else of
        // the nearest older one, else of the nearest newer one (the oldest listed).
        let from = self.category_date.unwrap_or(self.date);
        let first = || match self.scope.is_multi_date() {
            true => {
                let oldest = self.items.last().map_or(0, |&(d, _)| self.group_of[d]);
                let from = from.min(oldest);
                let found = self
                    .items
                    .iter()
                    .position(|&(d, _)| self.group_of[d] >= from);
                found.unwrap_or(0)
            }
            false => 0,
        };
        self.item = anchor
            .and_then(|r| self.items.binary_search(&r).ok())
            .unwrap_or_else(first);
        // A story the list no longer has (another scope or category) is closed, so the
        // article pane does not show one from outside what is listed.
        if self
            .opened
            .is_some_and(|r| self.items.binary_search(&r).is_err())
        {
            self.leave_story();
            self.opened = None;
            self.scroll = 0;
        }
        self.follow_item_date();
        self.headers = scope::headers(&self.library, &self.items, &self.spans);
    }

    /// In a multi-date scope the selected date is the selected story's.
    pub(super) fn follow_item_date(&mut self) {
        if self.scope.is_multi_date()
            && let Some(&(d, _)) = self.items.get(self.item)
        {
            self.date = self.group_of[d];
        }
    }

    /// `a`: the next scope (day › 7 days › 30 days › archive), keeping the category and the
    /// story when the new scope has them.
    pub(super) fn cycle_scope(&mut self) {
        if self.scope_anchor.is_none() {
            self.scope_anchor = self.scope_story();
        }
        let next = self.scope.next();
        self.set_scope(next);
        // Counted so far while its files are indexed, as the status bar says (tester BP), and
        // said to be so: the status bar's count goes on growing (tester CG).
        let stories = match self.scope_pending() {
            true => format!("{}+ stories so far", self.items.len()),
            false => crate::text::plural(self.items.len(), "story", "stories"),
        };
        // The category followed, where this scope lacks it (tester AZ: it went unsaid).
        let missing = self
            .chosen_category()
            .filter(|f| f != self.category())
            .map(|f| format!(" · no {} in it: all shown", f.describe()))
            .unwrap_or_default();
        let english = scope::names(&self.dates, next, self.scope_at(next))
            .map(|(_, english)| format!(", {english}"))
            .unwrap_or_default();
        self.notify(
            format!(
                "范围 scope: {}{english} · {stories}{missing}",
                self.scope_label()
            ),
            false,
        );
        // Without its dates (`近7天`), which the dates pane shows.
        let shorter =
            (self.name_of(next)).map(|name| format!("范围 scope: {name} · {stories}{missing}"));
        if let Some(m) = &mut self.message {
            m.shorter = shorter;
        }
    }

    /// The story a change of scope keeps in view: the one read in the article, else the
    /// one selected in the list (not a story opened before the selection moved on).
    fn scope_story(&self) -> Option<ItemRef> {
        self.target()
            .or_else(|| self.items.get(self.item).copied())
            .or(self.opened)
    }

    /// The scope `scope`, keeping the category chosen where it has it (followed, as from date
    /// to date: tester AZ lost it for good at a week without it).
    pub(crate) fn set_scope(&mut self, scope: Scope) {
        let keep = self.chosen_category();
        let anchor = self.scope_anchor.or_else(|| self.scope_story());
        if scope == Scope::Day
            && let Some((d, _)) = anchor
        {
            self.date = self.group_of[d];
        }
        // N days chosen from one date end there (from 7 days, 30 end where the 7 did).
        if scope.days().is_some() && self.scope.days().is_none() {
            self.end_days_at(self.date);
        }
        self.scope = scope;
        self.refresh_scope(keep, anchor);
    }

    /// `]` past the newest date of the last N days chosen from an older date: they move on a
    /// date, which is selected (tester BQ: newer digests were out of reach of `]`, but
    /// through the whole archive). False where there is no newer date.
    fn slide_days_on(&mut self) -> bool {
        // Not on to a date still to come, which the last days never end at.
        let newest = scope::newest_come(&self.dates);
        let end = self.scope_at(self.scope).checked_sub(1);
        let end = end.filter(|&e| newest.is_some_and(|n| e >= n));
        let Some(end) = end.filter(|_| self.scope.days().is_some()) else {
            return false;
        };
        self.move_days_to(end);
        self.notify(format!("范围 scope: {}", self.scope_label()), false);
        true
    }

    /// The last N days made to end at date group `at`, which is selected.
    pub(super) fn move_days_to(&mut self, at: usize) {
        self.end_days_at(at);
        let kept = self.chosen_category();
        self.refresh_scope(kept.clone(), None);
        // Where the category chosen is not on that date, the nearest older one it is on
        // (tester BV: no date was marked, the overview showing one not listed).
        let (shown, _) = self.listed_from(at);
        self.select_date(shown);
        // The category followed, where these days lack it, as a date's is (tester BU: unsaid).
        if let Some(filter) = kept.filter(|f| f != self.category()) {
            let days = format!("in {}", self.scope_label());
            self.tell_category_missing(&filter, &days, "in days that have it");
        }
    }

    /// The date group listed in a many-day scope at `at` or nearest before it, and whether
    /// one was (else the oldest listed); `at` when none is listed.
    pub(super) fn listed_from(&self, at: usize) -> (usize, bool) {
        // The spans are in date order, newest first, as the dates are.
        let s = self.spans.partition_point(|s| s.group < at);
        match (self.spans.get(s), self.spans.last()) {
            (Some(span), _) => (span.group, true),
            (None, Some(oldest)) => (oldest.group, false),
            (None, None) => (at, false),
        }
    }

    /// Makes the last N days end at date group `at` (at the newest digest's, they follow
    /// newer digests).
    fn end_days_at(&mut self, at: usize) {
        let newest = scope::newest_come(&self.dates);
        self.window_end = (Some(at) != newest)
            .then(|| self.dates.get(at).and_then(|g| g.date))
            .flatten();
    }

    /// `[` / `]`: the next older / newer date (in a multi-date scope, of those listed).
    pub(super) fn step_date(&mut self, delta: isize) {
        let which = if delta > 0 { "oldest" } else { "newest" };
        if self.scope.is_multi_date() {
            let next = self
                .span_index()
                .map(|s| s.saturating_add_signed(delta))
                .filter(|&s| s < self.spans.len() && Some(s) != self.span_index());
            match next {
                Some(s) => self.move_to_span(s),
                None if delta < 0 && self.slide_days_on() => {}
                None => self.notify(
                    format!("already at the {which} date in {}", self.scope_label()),
                    false,
                ),
            }
            return;
        }
        let next = self.date.saturating_add_signed(delta);
        if next >= self.dates.len() || next == self.date {
            self.notify(format!("already at the {which} date"), false);
            return;
        }
        self.move_to_date(next);
    }

    /// Another date of a multi-date scope's list, as the reader steps through them: at the
    /// stories selected and open there when it was last left (tester CX: at its first).
    pub(super) fn move_to_span(&mut self, s: usize) {
        let Some(group) = self.spans.get(s).map(|span| span.group) else {
            return;
        };
        self.note_visit();
        self.select_date(group);
        self.resume_visit();
    }

    /// Another date, as the reader steps through them: the category chosen stays when that
    /// date has it (following 开发工具 day by day), else all are shown and the status bar
    /// says why; it is shown again, and said to be, at the next date that has it (tester AC:
    /// it was dropped for good at the first date without it).
    pub(super) fn move_to_date(&mut self, index: usize) {
        let kept = self.chosen_category();
        let was_shown = kept.as_ref() == Some(self.category());
        self.note_visit();
        self.select_date_keeping(index, kept.clone());
        self.resume_visit();
        if let Some(filter) = kept
            .as_ref()
            .filter(|f| !was_shown && self.category() == *f)
        {
            // Said as it comes back (tester BI: after dates of all, it came back unasked).
            let name = filter.describe();
            self.notify_or_shorter(
                format!("{name} again, followed from date to date: Enter on 全部 / All stops it"),
                format!("{name} again"),
                false,
            );
        } else if let Some(filter) = kept
            && *self.category() != filter
        {
            // Not "[ ] show it again": read as a jump to a date that has it (tester BB).
            let date = format!("on {}", self.scope_label());
            self.tell_category_missing(&filter, &date, "at the next date that has it");
        }
    }

    /// Says that the category `filter` followed is not `where_` (`on 2026-01-19`, `in 7天
    /// (…)`), so all are shown, and that it comes back `again`: in one row where it can
    /// (tester AU: its last word took the hints' row, at every step), a shorter form where
    /// that is not enough (tester AW: a long name at 100 columns, any at 60).
    fn tell_category_missing(&mut self, filter: &CategoryFilter, where_: &str, again: &str) {
        let name = filter.describe();
        self.notify_or_shorter(
            format!("no {name} {where_}: all categories shown, and {name} again {again}"),
            format!("no {name} {where_}: all shown"),
            false,
        );
    }

    /// Keeps what is selected and open at this date, for when the reader comes back to it.
    /// In a scope of many dates the story open may be another date's, moved from in the
    /// list: it is kept as that date's (a review: it came back open under this one).
    fn note_visit(&mut self) {
        let Some(date) = self.current_date().map(|g| g.date) else {
            return;
        };
        let id = |r: ItemRef| self.id_at(r).to_string();
        let date_of = |r: ItemRef| self.dates.get(self.group_of[r.0]).map(|g| g.date);
        let opened = self.opened.filter(|&r| date_of(r) == Some(date));
        let elsewhere =
            (self.opened.filter(|_| opened.is_none())).and_then(|r| Some((date_of(r)?, id(r))));
        let visit = Visit {
            selected: self.items.get(self.item).map(|&r| id(r)),
            opened: opened.map(id),
        };
        self.visits.insert(date, visit);
        if let Some((its_date, id)) = elsewhere {
            let visit = Visit {
                selected: Some(id.clone()),
                opened: Some(id),
            };
            self.visits.insert(its_date, visit);
        }
    }

    /// Back at a date stepped away from: the stories selected and open there again, those of
    /// them the category shown lists (it follows the reader from date to date), the open one
    /// where it was left.
    fn resume_visit(&mut self) {
        let Some(visit) = self
            .current_date()
            .and_then(|g| self.visits.get(&g.date))
            .cloned()
        else {
            return;
        };
        if let Some(n) = visit
            .selected
            .and_then(|id| self.position_in(&self.items, &id))
        {
            self.item = n;
        }
        if let Some(id) = visit.opened
            && let Some(n) = self.position_in(&self.items, &id)
        {
            self.opened = Some(self.items[n]);
            self.place = self.places.get(&id);
        }
    }
}
