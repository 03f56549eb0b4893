//! The category pane: `全部 / All`, then the publications' own categories and the unified
//! categories of the scope (the unified first over several dates), each group under a
//! heading, each category with its count (and, for unified ones, how many stories ribao
//! placed there itself, by keywords or as 其他: `~3`) and how many are unread (✓ when none),
//! as the date list has them.

use super::super::app::{App, CategoryRow, Pane};
use super::{ACCENT, BOLD, DIM, INFERRED_MARK, OK, draw_block, fit_row, list, pane_block};
use crate::text::{self, TextOptions};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

/// The pane's title in `width` columns: `分类 · 2026-01-24`, `分类 · 近7天 (01-18–01-24)`,
/// `分类 · 全部存档`, and its columns named as the dates pane's are (`· 条 · 未读`) where
/// they fit whole (tester BC: the numbers were explained in the help alone), `Categories`
/// too where that fits.
fn title(app: &App, width: u16, opts: TextOptions) -> String {
    let scope = app.scope_label();
    // In English too where it fits, as the dates pane's `日期 Dates` (tester BJ).
    let titles = [
        format!("分类 Categories · {scope} · 条 · 未读"),
        format!("分类 · {scope} · 条 · 未读"),
    ];
    let fits = |title: &String| text::str_width(title, opts) + 4 <= usize::from(width);
    titles
        .into_iter()
        .find(fits)
        .unwrap_or_else(|| format!("分类 · {scope}"))
}

pub(crate) fn draw(buf: &mut Buffer, area: Rect, app: &mut App) {
    let opts = app.text_options();
    let focused = app.focus() == Pane::Categories;
    let inner = draw_block(
        buf,
        area,
        pane_block(&title(app, area.width, opts), focused, area.width, opts),
    );
    let resized = list::resized(&mut app.view.categories_height, inner);
    let rows = app.category_rows();
    let selected = rows
        .iter()
        .position(|r| *r == CategoryRow::Entry(app.category_index()))
        .unwrap_or(0);
    let unread = app.category_unread().to_vec();
    // Counts in columns: each as wide as the widest of the pane.
    // Files of the scope still being indexed: counts so far, and no ✓ (all read) yet.
    let pending = app.scope_pending();
    let count_of = |n: usize| super::status::pending_count(n, pending);
    // Two columns at least: `~1 1` read as one number (tester A).
    let count_w = app
        .categories()
        .iter()
        .map(|c| count_of(c.count).chars().count().max(2))
        .max();
    // Unread counts so far too (tester BP: `1393+  1393`).
    let unread_w = unread
        .iter()
        .map(|&n| count_of(n).chars().count())
        .max()
        .unwrap_or(0)
        .max(3);
    let mut offset = app.view.offsets[1];
    // The heading above the selected category stays in view with it.
    if selected > 0 && matches!(rows[selected - 1], CategoryRow::Heading(_)) && offset >= selected {
        offset = selected - 1;
    }
    let app_ref = &*app;
    let list_rows = list::Rows {
        len: rows.len(),
        selected,
        focused,
        centred: resized,
    };
    list::draw(
        buf,
        inner,
        list_rows,
        &mut offset,
        opts,
        |i, width| match rows[i] {
            CategoryRow::Heading(name) => heading(name, width, opts),
            CategoryRow::Entry(c) => {
                let entry = &app_ref.categories()[c];
                let mut right = Vec::new();
                let count_w = count_w.unwrap_or(0);
                // The counts take the room before how many were placed by keywords (tester
                // DT: at 80 columns over the whole archive the unified ones showed neither).
                if entry.inferred > 0 {
                    let inferred = format!("{INFERRED_MARK}{} ", entry.inferred);
                    let counts_w = count_w + 1 + unread_w;
                    let room = width.saturating_sub(list::marker(false).width());
                    let with_inferred = counts_w + text::str_width(&inferred, opts);
                    if super::right_fits(with_inferred, room) {
                        right.push(Span::styled(inferred, DIM.add_modifier(Modifier::ITALIC)));
                    }
                }
                right.push(Span::styled(
                    format!("{:>count_w$} ", count_of(entry.count)),
                    DIM,
                ));
                let unread = unread.get(c).copied().unwrap_or(0);
                right.push(match unread {
                    // Nothing to have read (an empty store) is not all read.
                    0 if pending || entry.count == 0 => Span::raw(" ".repeat(unread_w)),
                    0 => Span::styled(format!("{:>unread_w$}", "✓"), OK),
                    n => Span::styled(format!("{:>unread_w$}", count_of(n)), ACCENT),
                });
                let selected = c == app_ref.category_index();
                let style = if unread > 0 || selected { BOLD } else { DIM };
                fit_row(
                    vec![list::marker(selected)],
                    &text::single_line(entry.filter.label()),
                    style,
                    right,
                    width,
                    opts,
                )
            }
        },
    );
    // A heading on the last row shown, its categories all below it, names nothing in view:
    // left out until they come into it (tester CN: `刊物 Publications ───` alone at the foot).
    let shown = offset + usize::from(inner.height);
    if inner.height > 0 && shown < rows.len() && matches!(rows[shown - 1], CategoryRow::Heading(_))
    {
        let y = inner.bottom() - 1;
        for x in inner.left()..inner.right() {
            buf[(x, y)].reset();
        }
    }
    app.view.offsets[1] = offset;
}

/// `统一分类 Unified ─────────`
fn heading(name: &str, width: usize, opts: TextOptions) -> Line<'static> {
    let name = text::truncate(name, width, opts).into_owned();
    let used = text::str_width(&name, opts) + 1;
    let rule = if opts.ambiguous_wide { "-" } else { "─" };
    let rule_w = text::str_width(rule, opts);
    let n = width.saturating_sub(used) / rule_w.max(1);
    Line::from(vec![
        Span::styled(name, BOLD.patch(DIM)),
        Span::raw(" "),
        Span::styled(rule.repeat(n), DIM),
    ])
}
