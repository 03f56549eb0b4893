//! `:` (or a digit typed in the dates pane): a date typed to go to, in an archive of years
//! that `[` and `]` would take hundreds of presses to cross (tester AG).

use super::{App, Pane};
use crate::model::period;
use crate::tui::line_edit::LineEdit;
use crate::tui::scope::Scope;
use chrono::{Datelike, NaiveDate};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What the date line takes: said beside it, as many as fit, and all when what was typed is
/// no date.
pub const FORMS: [&str; 7] = [
    "2025-10-19",
    "2025-10",
    "2025",
    "10-19",
    "today",
    "yesterday",
    "undated",
];

impl App {
    /// The date at `at`, the dates pane to move on from it: in the last 7 or 30 days, which
    /// now end at it (tester BK: `:` left them for the one date); in the whole archive, at
    /// its stories there, as moving in the date list goes (tester BS: `:` left it, unsaid),
    /// or those of the nearest older date that has the category chosen, said unless that
    /// is still on or after `from`, the first day typed (tester BU: it left the archive, and
    /// the category); else in its own scope.
    fn show_date(&mut self, at: usize, from: Option<NaiveDate>) {
        if self.scope.days().is_some() && self.dates[at].date.is_some() {
            self.move_days_to(at);
        } else if self.scope == Scope::All && !self.spans.is_empty() {
            let (shown, older) = self.listed_from(at);
            self.select_date(shown);
            let date = |g: usize| self.dates[g].date;
            if shown != at && date(shown).is_none_or(|d| from.is_none_or(|f| d < f)) {
                let what = (self.chosen_category()).map_or("story".into(), |f| f.describe());
                let which = if older { "nearest older" } else { "oldest" };
                let label = |g: usize| crate::model::date_label(date(g));
                self.notify(
                    format!(
                        "no {what} on {}: the {which} date with it, {}",
                        label(at),
                        label(shown)
                    ),
                    false,
                );
            }
        } else {
            if self.scope.is_multi_date() {
                self.set_scope(Scope::Day);
            }
            self.move_to_date(at);
        }
        self.focus = Pane::Dates;
        self.view.centre_date = true;
    }

    /// Opens the date line, holding `typed` (a digit typed in the dates pane).
    pub(super) fn open_date_line(&mut self, typed: &str) {
        let mut line = LineEdit::default();
        line.insert(typed);
        self.date_line = Some(line);
        // What was said before is about another place: the line's keys are said instead
        // (tester AH: the last scope's message stayed over them).
        self.message = None;
    }

    /// The date line, while it is open.
    pub fn date_line(&self) -> Option<&LineEdit> {
        self.date_line.as_ref()
    }

    /// A key while the date line is open: edits it, Enter goes, Esc closes it, `:` empties
    /// it. Other keys do nothing meanwhile, but those with Ctrl (Ctrl-c quits, Ctrl-z
    /// suspends): false.
    pub(super) fn date_line_key(&mut self, key: &KeyEvent) -> bool {
        let Some(line) = self.date_line.as_mut() else {
            return false;
        };
        // `:` opens the line, and opens it anew over what is in it (no date has one; tester
        // CE: typed into what was no date, it made `2026-02-30:02-14`).
        if crate::tui::keymap::action_for(key) == Some(crate::tui::action::Action::GoToDate) {
            self.open_date_line("");
            return true;
        }
        if line.key(key).is_some() {
            return true;
        }
        match key.code {
            KeyCode::Esc => {
                self.date_line = None;
                self.message = None;
            }
            KeyCode::Enter => self.go_to_typed(),
            _ if key.modifiers.contains(KeyModifiers::CONTROL) => return false,
            _ => {}
        }
        true
    }

    /// Goes to the newest date of the period typed, or the nearest older one when it has
    /// none (see [`App::show_date`]); what was typed that is no date is said, the line open.
    fn go_to_typed(&mut self) {
        let Some(line) = &self.date_line else { return };
        let typed = line.text().trim().to_string();
        if typed.is_empty() {
            self.date_line = None;
            return;
        }
        // The files no date was found in, listed last (tester AK: only G reached them).
        if typed.eq_ignore_ascii_case("undated") {
            self.date_line = None;
            self.message = None;
            match self.dates.iter().position(|g| g.date.is_none()) {
                Some(at) => self.show_date(at, None),
                None => self.notify("every digest has a date: none is undated", false),
            }
            return;
        }
        let shown = (self.current_date().and_then(|g| g.date))
            .or_else(|| self.dates.iter().find_map(|g| g.date));
        let year = shown.map_or(2026, |d| d.year());
        // A month and day are of the year nearest the date shown that has a digest on that
        // day (tester AK: `01-20` from 2025-12-01 named a 2025 before the archive, not the
        // listed 2026-01-20), else of the nearest year up to the date shown's that has the
        // day. Other forms name one period whatever the year.
        let listed = |day: NaiveDate| self.dates.iter().any(|g| g.date == Some(day));
        let years: std::collections::BTreeSet<i32> = self
            .dates
            .iter()
            .filter_map(|g| g.date)
            .map(|d| d.year())
            .collect();
        let nearest = shown.and_then(|shown| {
            years
                .iter()
                .filter_map(|&y| period(&typed, Some(y)))
                .filter(|p| p.first == p.last && listed(p.first))
                .min_by_key(|p| {
                    (
                        (p.first - shown).num_days().abs(),
                        std::cmp::Reverse(p.first),
                    )
                })
        });
        // A day the shown year has not (`02-29`) is of the nearest year that has it, one of
        // four at most before (tester DT: it was "not a date"; tester DU: one after the
        // archive went to its newest date).
        let of_a_year = || match shown {
            Some(shown) => (years.iter().copied().chain(year - 4..=year))
                .filter_map(|y| period(&typed, Some(y)))
                .min_by_key(|p| (p.first - shown).num_days().abs()),
            None => period(&typed, Some(year)),
        };
        let Some(period) = nearest.or_else(of_a_year) else {
            // One row where there is no room for the forms: the line typed in stays in
            // sight, to mend (tester CI: at 40 columns it was hidden). What is invisible in
            // it written out (tester DF: `2025\u{202e}-10` was said as `2025-10`).
            let shown = crate::text::visible(&typed);
            self.notify_or_shorter(
                format!(
                    "“{shown}” is not a date: type {}",
                    crate::text::or_list(&FORMS)
                ),
                format!("“{shown}” is not a date"),
                true,
            );
            return;
        };
        self.date_line = None;
        self.message = None;
        // Newest first: the first on or before the period's end.
        let on_or_before = self
            .dates
            .iter()
            .position(|g| g.date.is_some_and(|d| d <= period.last));
        let oldest = self.dates.iter().rposition(|g| g.date.is_some());
        let Some(at) = on_or_before.or(oldest) else {
            self.notify("no dated digest to go to", false);
            return;
        };
        let found = self.dates[at].date.expect("a dated group");
        self.show_date(at, Some(period.first));
        if found < period.first || found > period.last {
            let which = match on_or_before {
                Some(_) => "the nearest older date",
                None => "the oldest date",
            };
            // On a day, in a month or a year.
            let on = if period.first == period.last {
                "on"
            } else {
                "in"
            };
            // With what was said of the category chosen there (tester BV: it was lost).
            let of_category = self.message.take().map(|m| format!("; {}", m.text));
            self.notify(
                format!(
                    "no digest {on} {}: {which}, {found}{}",
                    period.label,
                    of_category.unwrap_or_default()
                ),
                false,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(typed: &str) -> Option<(String, String)> {
        period(typed, Some(2026)).map(|p| (p.first.to_string(), p.last.to_string()))
    }

    #[test]
    fn a_typed_date_names_a_day_a_month_or_a_year() {
        let day = Some(("2025-10-19".into(), "2025-10-19".into()));
        for typed in [
            "2025-10-19",
            "2025/10/19",
            "2025.10.19",
            "20251019",
            "2025年10月19日",
            "２０２５－１０－１９",
        ] {
            assert_eq!(days(typed), day, "{typed}");
        }
        let month = Some(("2024-02-01".into(), "2024-02-29".into()));
        for typed in ["2024-02", "202402", "2024年2月", " 2024/2 "] {
            assert_eq!(days(typed), month, "{typed}");
        }
        assert_eq!(
            days("2019"),
            Some(("2019-01-01".into(), "2019-12-31".into()))
        );
        // A month and day are of the year given (the date shown's), four digits too where
        // they are no year a digest is dated in.
        for typed in ["10-19", "1019"] {
            assert_eq!(
                days(typed),
                Some(("2026-10-19".into(), "2026-10-19".into()))
            );
        }
        assert_eq!(
            days("1899"),
            Some(("1899-01-01".into(), "1899-12-31".into()))
        );
        // Whatever the year: the day on this machine's calendar.
        let today = chrono::Local::now().date_naive().to_string();
        assert_eq!(days("today"), Some((today.clone(), today)));
        let yesterday = (chrono::Local::now().date_naive().pred_opt().unwrap()).to_string();
        assert_eq!(days("昨天"), Some((yesterday.clone(), yesterday)));
        for typed in [
            "2025-13",
            "2025-02-30",
            "19",
            "abc",
            "2025-10-19x",
            "1-2-3",
            "",
        ] {
            assert_eq!(days(typed), None, "{typed}");
        }
    }
}
