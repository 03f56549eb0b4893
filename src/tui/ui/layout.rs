//! Where each pane goes for a terminal size: three columns from [`WIDE_FROM`] columns, two
//! from [`TWO_FROM`] (the focused pane and the one it opens), one pane with a breadcrumb
//! below that, and a notice below [`MIN_WIDTH`]×[`MIN_HEIGHT`].

use super::super::app::Pane;
use ratatui::layout::{Constraint, Layout, Rect};

pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;
/// Terminals at least this wide show dates, categories + stories and the article side by side.
pub const WIDE_FROM: u16 = 100;
/// Terminals at least this wide (an 80-column one) show two of those columns: the dates and
/// the date's categories and stories, or those and the article (tester AF: at 80 columns the
/// dates filled the screen alone).
pub const TWO_FROM: u16 = 70;
const DATES_WIDTH: u16 = 30;

pub struct Wide {
    pub dates: Rect,
    pub categories: Rect,
    pub items: Rect,
    pub article: Rect,
    pub status: Rect,
}

pub struct Narrow {
    pub breadcrumb: Rect,
    pub pane: Rect,
    pub status: Rect,
}

/// The search view: results (and, when wide, the shown article beside them), the search line
/// and the status bar.
pub enum SearchScreen {
    TooSmall,
    Wide {
        results: Rect,
        article: Rect,
        line: Rect,
        status: Rect,
    },
    Narrow {
        breadcrumb: Rect,
        pane: Rect,
        line: Rect,
        status: Rect,
    },
}

pub enum Screen {
    TooSmall,
    Wide(Wide),
    Narrow(Narrow),
}

/// Status bar height: two rows (scope, then hints or message) when there is room.
fn status_height(area: Rect) -> u16 {
    if area.height >= 10 { 2 } else { 1 }
}

/// The rows above the status bar: the panes', and the popups' that leave it in sight.
pub fn above_status(area: Rect) -> Rect {
    Rect {
        height: area.height.saturating_sub(status_height(area)),
        ..area
    }
}

/// One pane alone: its breadcrumb's row over the pane.
fn under_breadcrumb(body: Rect) -> [Rect; 2] {
    Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(body)
}

/// Where a popup (help, bookmarks, links, a notice) goes: centred over the panes when they
/// are side by side; in place of the pane when one is shown alone, filling it (a box inside
/// the pane showed two borders, one within the other).
pub struct PopupArea {
    pub area: Rect,
    pub fill: bool,
}

impl PopupArea {
    pub fn of(area: Rect) -> PopupArea {
        let body = above_status(area);
        if area.width >= TWO_FROM {
            return PopupArea {
                area: body,
                fill: false,
            };
        }
        PopupArea {
            area: under_breadcrumb(body)[1],
            fill: true,
        }
    }

    /// A popup's width, when it would be `wanted` columns: all there is when it would leave
    /// only a strip of the panes behind it on each side, slivers of their words (tester BC:
    /// `┃ 在 │` beside the bookmarks).
    pub fn width(&self, wanted: u16) -> u16 {
        const LEAST_STRIP: u16 = 8;
        if self.fill || self.area.width.saturating_sub(wanted) < 2 * LEAST_STRIP {
            self.area.width
        } else {
            wanted
        }
    }

    /// A popup's height, when it would be `wanted` rows.
    pub fn height(&self, wanted: u16) -> u16 {
        if self.fill {
            self.area.height
        } else {
            wanted.min(self.area.height)
        }
    }
}

/// The panes for a terminal size, `focus` having the keyboard. Reading (the article has it),
/// the article takes the dates' column (the category pane's title still names the date): at
/// 100 columns it had 37 for its text, fewer than the one pane of 99 (tester Y); browsing
/// the stories, they take it, below [`DATES_BESIDE_STORIES_FROM`] columns. In two columns,
/// the dates are beside the stories while they have the keyboard, else the stories beside
/// the article.
pub fn split(area: Rect, categories: usize, focus: Pane) -> Screen {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return Screen::TooSmall;
    }
    let body = above_status(area);
    let status = Rect {
        y: body.bottom(),
        height: area.height - body.height,
        ..area
    };
    let columns = match (area.width, focus) {
        (w, Pane::Items) if w >= DATES_BESIDE_STORIES_FROM => {
            Some((DATES_WIDTH, stories_width(w - DATES_WIDTH)))
        }
        (w, Pane::Items) if w >= TWO_FROM => Some((0, stories_width(w))),
        (w, Pane::Article) if w >= WIDE_FROM => Some((0, middle_width(w, 0))),
        (w, _) if w >= WIDE_FROM => Some((DATES_WIDTH, middle_width(w, DATES_WIDTH))),
        (w, Pane::Dates) if w >= TWO_FROM => Some((DATES_WIDTH, w - DATES_WIDTH)),
        (w, Pane::Article) if w >= TWO_FROM => Some((0, two_reading(w))),
        (w, _) if w >= TWO_FROM => Some((0, two_middle(w))),
        _ => None,
    };
    if let Some((dates_w, middle_w)) = columns {
        let dates = Rect {
            width: dates_w,
            ..body
        };
        let middle_x = body.x + dates_w;
        let wanted = u16::try_from(categories + 2).unwrap_or(u16::MAX);
        let categories_h = (wanted.min((body.height * 2 / 5).max(PANE_LEAST))).min(body.height);
        // Short of rows, the stories keep one of their own but while the categories have the
        // keyboard (tester DH: at 80×6 the stories, with the keyboard, showed none).
        let categories_h = match focus {
            Pane::Categories => categories_h,
            _ => categories_h.min(body.height.saturating_sub(PANE_LEAST)),
        };
        let categories = Rect {
            x: middle_x,
            width: middle_w,
            height: categories_h,
            ..body
        };
        let items = Rect {
            x: middle_x,
            y: body.y + categories_h,
            width: middle_w,
            height: body.height - categories_h,
        };
        let article = Rect {
            x: middle_x + middle_w,
            width: body.right() - (middle_x + middle_w),
            ..body
        };
        Screen::Wide(Wide {
            dates,
            categories,
            items,
            article,
            status,
        })
    } else {
        let [breadcrumb, pane] = under_breadcrumb(body);
        Screen::Narrow(Narrow {
            breadcrumb,
            pane,
            status,
        })
    }
}

/// The fewest rows of a bordered pane showing a row.
const PANE_LEAST: u16 = 3;

/// The stories' column of two beside the article, `width` columns in all: a title's start
/// and its marks at the least, and no more than the article can spare.
fn two_middle(width: u16) -> u16 {
    (width * 2 / 5).clamp(28, 36)
}

/// The stories' column of two beside the article being read, `width` columns in all: what
/// leaves the article [`ARTICLE_LEAST`] where the stories keep a title's start (tester BF: at
/// 80 columns the article had 46 for its text, where 65 gave it 64).
fn two_reading(width: u16) -> u16 {
    const STORIES_LEAST: u16 = 20;
    two_middle(width)
        .min(width.saturating_sub(ARTICLE_LEAST))
        .max(STORIES_LEAST)
}

/// The least the article pane gets beside the stories while it is read, where there is room.
const ARTICLE_LEAST: u16 = 60;

/// Terminals at least this wide keep the dates' column beside the stories while they have
/// the keyboard; in narrower ones the stories take its room, as the article does when read
/// (testers AY, AZ: at 100 columns a title showed 12 Chinese characters of its 30).
const DATES_BESIDE_STORIES_FROM: u16 = 150;

/// The stories' column while they have the keyboard, beside the preview, `room` columns
/// in all for the two: half, up to a long title's width, and whatever the preview does not
/// take beyond [`ARTICLE_MAX_WIDTH`].
fn stories_width(room: u16) -> u16 {
    (room / 2)
        .clamp(30, 60)
        .max(room.saturating_sub(ARTICLE_MAX_WIDTH))
}

/// The widest the article pane gets in the wide layout: longer lines read badly, and the
/// stories' titles are cut meanwhile.
const ARTICLE_MAX_WIDTH: u16 = 100;

/// The width of the middle column (categories and stories) of the wide layout, the dates'
/// column `dates` wide: its share of the room beside a dates' column, and all the room the
/// article pane does not take beyond [`ARTICLE_MAX_WIDTH`].
fn middle_width(width: u16, dates: u16) -> u16 {
    let share = ((width - DATES_WIDTH) * 9 / 20).clamp(30, 46);
    share.max((width - dates).saturating_sub(ARTICLE_MAX_WIDTH))
}

/// The search view's layout: the results take the place of the dates and the middle column,
/// so the article pane stays where it was; `reading` (the article has the keyboard), they
/// take only the middle column's, as the stories do then (see [`split`]). In two columns,
/// the results take three fifths, reading the stories' column.
pub fn split_search(area: Rect, reading: bool) -> SearchScreen {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return SearchScreen::TooSmall;
    }
    let status_h = status_height(area);
    let body = Rect {
        height: area.height - status_h - 1,
        ..area
    };
    let line = Rect {
        y: body.bottom(),
        height: 1,
        ..area
    };
    let status = Rect {
        y: line.bottom(),
        height: status_h,
        ..area
    };
    let results_w = match area.width {
        w if w >= WIDE_FROM && reading => Some(middle_width(w, 0)),
        w if w >= WIDE_FROM => Some(DATES_WIDTH + middle_width(w, DATES_WIDTH)),
        w if w >= TWO_FROM && reading => Some(two_reading(w)),
        w if w >= TWO_FROM => Some(w * 3 / 5),
        _ => None,
    };
    if let Some(results_w) = results_w {
        let results = Rect {
            width: results_w,
            ..body
        };
        let article = Rect {
            x: body.x + results_w,
            width: body.width - results_w,
            ..body
        };
        SearchScreen::Wide {
            results,
            article,
            line,
            status,
        }
    } else {
        let [breadcrumb, pane] = under_breadcrumb(body);
        SearchScreen::Narrow {
            breadcrumb,
            pane,
            line,
            status,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wide(width: u16) -> Wide {
        match split(Rect::new(0, 0, width, 40), 5, Pane::Dates) {
            Screen::Wide(w) => w,
            _ => panic!("{width} columns are wide"),
        }
    }

    #[test]
    fn a_very_wide_terminal_gives_the_stories_what_the_article_would_not_use() {
        // Up to where the article reaches its widest, the middle column keeps its share.
        assert_eq!((wide(120).items.width, wide(120).article.width), (40, 50));
        assert_eq!((wide(176).items.width, wide(176).article.width), (46, 100));
        // Beyond, the article stays at its widest and the stories get the rest.
        assert_eq!((wide(200).items.width, wide(200).article.width), (70, 100));
        let search = match split_search(Rect::new(0, 0, 200, 40), false) {
            SearchScreen::Wide { article, .. } => article,
            _ => panic!("wide"),
        };
        assert_eq!(search.width, 100);
    }

    /// Reading, the article takes the dates' column (tester Y: 37 columns of text at 100),
    /// up to its widest; in the search view too (tester AA: 48 of 120 beside the results).
    #[test]
    fn the_article_takes_the_dates_column_while_it_is_read() {
        let reading = |width: u16| match split(Rect::new(0, 0, width, 40), 5, Pane::Article) {
            Screen::Wide(w) => (w.dates.width, w.items.width, w.article.width),
            _ => panic!("{width} columns are wide"),
        };
        assert_eq!(reading(100), (0, 31, 69));
        assert_eq!(reading(120), (0, 40, 80));
        assert_eq!(reading(200), (0, 100, 100));
        let search = |width: u16| match split_search(Rect::new(0, 0, width, 40), true) {
            SearchScreen::Wide {
                results, article, ..
            } => (results.width, article.width),
            _ => panic!("wide"),
        };
        assert_eq!(search(120), (40, 80));
    }

    /// From 70 columns to 99, two columns: the dates beside the stories while the dates
    /// have the keyboard, else the stories beside the article (tester AF: at 80 the dates
    /// filled the screen); below, one pane.
    #[test]
    fn browsing_the_stories_they_take_the_dates_column_below_150_columns() {
        let browsing = |width: u16| match split(Rect::new(0, 0, width, 40), 5, Pane::Items) {
            Screen::Wide(w) => (w.dates.width, w.items.width, w.article.width),
            _ => panic!("{width} columns are wide"),
        };
        assert_eq!(browsing(70), (0, 35, 35));
        assert_eq!(browsing(80), (0, 40, 40));
        assert_eq!(browsing(100), (0, 50, 50));
        // Up to a long title's width; the preview takes the rest, up to its widest.
        assert_eq!(browsing(149), (0, 60, 89));
        assert_eq!(browsing(150), (30, 60, 60));
        assert_eq!(browsing(230), (30, 100, 100));
    }

    /// On the shortest terminal the stories show a row, but for the categories' while they
    /// have the keyboard (tester DH: none at 80×6, the stories having the keyboard).
    #[test]
    fn a_short_terminal_shows_a_row_of_the_pane_that_has_the_keyboard() {
        let heights = |width: u16, focus: Pane| match split(Rect::new(0, 0, width, 6), 5, focus) {
            Screen::Wide(w) => (w.categories.height, w.items.height),
            _ => panic!("{width} columns are wide"),
        };
        for width in [80, 100, 150] {
            for focus in [Pane::Dates, Pane::Items, Pane::Article] {
                assert!(heights(width, focus).1 >= PANE_LEAST, "{width} {focus:?}");
            }
            assert!(heights(width, Pane::Categories).0 >= PANE_LEAST, "{width}");
        }
    }

    #[test]
    fn an_80_column_terminal_shows_two_columns() {
        let columns = |width: u16, focus: Pane| match split(Rect::new(0, 0, width, 24), 5, focus) {
            Screen::Wide(w) => Some((w.dates.width, w.items.width, w.article.width)),
            _ => None,
        };
        assert_eq!(columns(80, Pane::Dates), Some((30, 50, 0)));
        assert_eq!(columns(80, Pane::Categories), Some((0, 32, 48)));
        // Read, the article has 60 columns where the stories keep 20 (tester BF: 48).
        assert_eq!(columns(80, Pane::Article), Some((0, 20, 60)));
        assert_eq!(columns(90, Pane::Article), Some((0, 30, 60)));
        assert_eq!(columns(99, Pane::Article), Some((0, 36, 63)));
        assert_eq!(columns(70, Pane::Article), Some((0, 20, 50)));
        assert_eq!(columns(69, Pane::Dates), None);
        let search =
            |width: u16, reading: bool| match split_search(Rect::new(0, 0, width, 24), reading) {
                SearchScreen::Wide {
                    results, article, ..
                } => Some((results.width, article.width)),
                _ => None,
            };
        assert_eq!(search(80, false), Some((48, 32)));
        assert_eq!(search(80, true), Some((20, 60)));
        assert_eq!(search(69, false), None);
    }
}
