//! Tables as the commands print them: columns lined up by display width, cut to the
//! terminal's width column by column.

use super::report::{emit, terminal_room};
use crate::text::TextOptions;
use std::borrow::Cow;

/// How a table's column gives way on a narrow terminal.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Fit {
    /// Short and needed whole (an id).
    Keep,
    /// Short and whole (a date), but left out, after every other that may be, when the row
    /// would still not fit with the rest at their narrowest (at 30 columns `items` showed
    /// an id, a date and `…`, no title).
    Yielding,
    /// Cut at its end.
    End,
    /// Cut at its start: a path, whose end names the file; left out (before a
    /// [`Fit::Droppable`] column) when the columns would be cut narrower than
    /// [`PATH_COLUMN`], or the row is too wide even with every column cut (its last few
    /// characters named no file).
    Start,
    /// Left out whole before any other gives way: a note few rows have (`list`'s copies
    /// listed elsewhere), which cut to a few columns says nothing and takes them from all.
    Spare,
    /// Cut at its end, and left out (the rightmost such first) when the columns would be
    /// cut narrower than [`READABLE_COLUMN`], or a [`Fit::End`] column narrower than
    /// [`TITLE_COLUMN`]: a source or category, which kept the title out of sight.
    Droppable,
}

/// The rows as a table (see [`lay_out`]), printed.
pub(super) fn print_table(
    rows: &[Vec<String>],
    fits: &[Fit],
    opts: TextOptions,
) -> anyhow::Result<()> {
    let mut out = String::new();
    lay_out(rows, fits, opts, |_, line| {
        out.push_str(line);
        out.push('\n');
        if out.len() >= EMIT_EVERY {
            emit(&out)?;
            out.clear();
        }
        Ok(())
    })?;
    emit(&out)
}

/// The rows in columns padded by display width, so CJK cells line up (the last column is
/// not padded), each given to `line` with its number as it is laid out. On a terminal each
/// row takes one line: its columns cut or left out as [`fitted`] says, then the row cut at
/// the terminal's edge. Wrapped, a row took two or three lines. Piped, rows are whole.
pub(super) fn lay_out(
    rows: &[Vec<String>],
    fits: &[Fit],
    opts: TextOptions,
    mut line: impl FnMut(usize, &str) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let width = |s: &str| crate::text::str_width(s, opts);
    let columns = rows.first().map_or(0, Vec::len);
    let room = terminal_room();
    // Measured as printed: sanitising changes widths (a tab becomes spaces). Piped, the last
    // column is neither padded nor cut: it is made as its row is written, and rows are
    // written as they come, so `ribao items | head` has its rows without every title of a
    // large archive measured first.
    let measured = match room {
        Some(_) => columns,
        None => columns.saturating_sub(1),
    };
    let cells: Vec<Vec<(Cow<str>, usize)>> = rows
        .iter()
        .map(|r| {
            r[..measured]
                .iter()
                .map(|cell| {
                    // One line (tester CA: a hand-edited bookmark's title broke its row).
                    let cell = crate::text::single_line(cell);
                    let w = width(&cell);
                    (cell, w)
                })
                .collect()
        })
        .collect();
    let widths: Vec<usize> = (0..measured)
        .map(|c| cells.iter().map(|r| r[c].1).max().unwrap_or(0))
        .collect();
    let fit = |c: usize| fits.get(c).copied().unwrap_or(Fit::End);
    let (widths, spared) = fitted(widths, columns, fits, room);
    for (n, (row, measured)) in rows.iter().zip(&cells).enumerate() {
        let mut text = String::new();
        for c in (0..columns).filter(|&c| !spared[c]) {
            let Some((cell, cell_width)) = measured.get(c) else {
                text.push_str(&crate::text::single_line(&row[c]));
                continue;
            };
            let (cell, shown) = if *cell_width <= widths[c] {
                (Cow::Borrowed(cell.as_ref()), *cell_width)
            } else {
                let cut = match fit(c) {
                    Fit::Start => crate::text::truncate_left(cell, widths[c], opts),
                    _ => crate::text::truncate(cell, widths[c], opts),
                };
                let shown = width(&cut);
                (cut, shown)
            };
            text.push_str(&cell);
            if (c + 1..columns).any(|c| !spared[c]) {
                text.extend(std::iter::repeat_n(' ', widths[c] - shown + 2));
            }
        }
        let text = text.trim_end();
        match room {
            Some(room) => line(n, &cut_row(text, room, opts))?,
            None => line(n, text)?,
        }
    }
    Ok(())
}

/// The columns' widths on a terminal `room` columns wide (none: piped, as they are), and
/// which are left out: the widest of the columns that may give way are cut first, all to one
/// width, down to [`NARROWEST_COLUMN`], the columns that may go leaving as their [`Fit`]
/// says. `widths` are the measured ones, of the first columns (the last is left out piped);
/// `columns` how many there are.
fn fitted(
    mut widths: Vec<usize>,
    columns: usize,
    fits: &[Fit],
    room: Option<usize>,
) -> (Vec<usize>, Vec<bool>) {
    let fit = |c: usize| fits.get(c).copied().unwrap_or(Fit::End);
    let whole = |c: usize| matches!(fit(c), Fit::Keep | Fit::Yielding);
    // Spare columns, when the rows are wider than the terminal (tester AI: `(24 lis…` in
    // ten columns of every row).
    let wide = widths.iter().sum::<usize>() + 2 * columns.saturating_sub(1);
    let too_wide = room.is_some_and(|room| wide > room);
    let mut spared: Vec<bool> = (0..columns)
        .map(|c| too_wide && fit(c) == Fit::Spare)
        .collect();
    let Some(room) = room else {
        return (widths, spared);
    };
    let cap = loop {
        let shown = spared.iter().filter(|&&s| !s).count();
        let kept: usize = (0..columns)
            .filter(|&c| whole(c) && !spared[c])
            .map(|c| widths[c])
            .sum();
        let budget = room.saturating_sub(kept + 2 * shown.saturating_sub(1));
        let need = |cap: usize| {
            (0..columns)
                .filter(|&c| !whole(c) && !spared[c])
                .map(|c| widths[c].min(cap))
                .sum::<usize>()
        };
        let mut cap = widths.iter().copied().max().unwrap_or(0);
        while cap > NARROWEST_COLUMN && need(cap) > budget {
            cap -= 1;
        }
        // A title cut to a few words, when a source or category could give it room
        // (tester CB: at 80 columns, 9 Chinese characters of each).
        let title_cut_short = (0..columns)
            .any(|c| !spared[c] && fit(c) == Fit::End && widths[c] > cap && cap < TITLE_COLUMN);
        let droppable = (0..columns).rfind(|&c| {
            !spared[c]
                && match fit(c) {
                    Fit::Droppable => cap < READABLE_COLUMN || title_cut_short,
                    // Before a source: a path cut to its end was often the date
                    // again (tester AS: `…5-06/2025-06-01.md`, the sources gone).
                    Fit::Start => need(cap) > budget || cap < PATH_COLUMN,
                    // Last: left of the others, it goes after them.
                    Fit::Yielding => need(cap) > budget,
                    _ => false,
                }
        });
        match droppable {
            Some(c) => spared[c] = true,
            None => break cap,
        }
    };
    for (c, width) in widths.iter_mut().enumerate() {
        if !whole(c) {
            *width = (*width).min(cap);
        }
    }
    (widths, spared)
}

/// A row cut at the terminal's edge `room`, with one `…`: after a cell cut already, the row
/// cut right after it, not `AI每日……`; and after a whole cell (or before a sliver of one), a
/// space before it, or none where there is no room (tester CF: `35…` read as the count cut).
fn cut_row(line: &str, room: usize, opts: TextOptions) -> Cow<'_, str> {
    let cut = crate::text::truncate(line, room, opts);
    // Whole, it keeps any `…` of its own (a review: `这意味着什么……` lost one).
    let Some(kept) = cut
        .strip_suffix('…')
        .filter(|_| matches!(cut, Cow::Owned(_)))
    else {
        return cut;
    };
    // A sliver of a cell says nothing (tester CG: `35  A…`, `2026-08-23  哈…`): the row
    // ends before it.
    let kept = kept.trim_end();
    let whole = |kept: &str| line[kept.len()..].starts_with("  ");
    let kept = match kept.rfind("  ") {
        Some(at)
            if at > 0 && !whole(kept) && crate::text::str_width(&kept[at..], opts) < SLIVER + 2 =>
        {
            kept[..at].trim_end()
        }
        _ => kept,
    };
    if kept.ends_with('…') {
        return Cow::Owned(kept.to_string());
    }
    let spaced = crate::text::str_width(kept, opts) + 1 + crate::text::str_width("…", opts);
    match whole(kept) {
        true if spaced <= room => Cow::Owned(format!("{kept} …")),
        true => Cow::Owned(kept.to_string()),
        false => cut,
    }
}

/// Columns of a cell cut at the row's end too few to show: fewer are left out with it.
const SLIVER: usize = 4;

/// Bytes of a table written at a time.
const EMIT_EVERY: usize = 1 << 20;

/// Columns a column that gives way keeps on a narrow terminal before rows are cut.
const NARROWEST_COLUMN: usize = 8;

/// Columns a path is cut to before it is left out: fewer show its file's name alone, in many
/// stores the date again, and took a title down to a few words (tester AT: at 100 columns
/// `06-02-Daily AI New…  …5-06/2025-06-02.md`).
const PATH_COLUMN: usize = 24;

/// Columns cut narrower than this say little (`AI行业…   产品与…   GLM-4.6…`): the
/// droppable ones are left out first, so the title has the room.
pub(super) const READABLE_COLUMN: usize = 16;

/// Columns a title is cut to before a source or category is left out for it: fewer show a
/// few words of it (12 Chinese characters).
const TITLE_COLUMN: usize = 24;

#[cfg(test)]
mod tests {
    use super::*;

    fn narrow() -> TextOptions {
        TextOptions::default()
    }

    /// Cut right after a whole cell, the `…` stands apart from it, or is left out where a
    /// space before it does not fit (tester CF: `35…`); in a cell, it ends the words cut.
    #[test]
    fn a_row_cut_after_a_whole_cell_keeps_its_ellipsis_apart() {
        let row = "abc  2026-07-30  35  标题很长很长";
        assert_eq!(cut_row(row, 21, narrow()), "abc  2026-07-30  35 …");
        assert_eq!(cut_row(row, 20, narrow()), "abc  2026-07-30  35");
        assert_eq!(cut_row(row, 26, narrow()), "abc  2026-07-30  35  标题…");
        // A sliver of a cell goes with the rest (tester CG: `35  A…`).
        assert_eq!(cut_row(row, 24, narrow()), "abc  2026-07-30  35 …");
        // Counted as two columns, the `…` needs one more (a review: the row was one too wide).
        let wide = TextOptions {
            ambiguous_wide: true,
            ..narrow()
        };
        assert_eq!(cut_row(row, 22, wide), "abc  2026-07-30  35 …");
        assert_eq!(cut_row(row, 21, wide), "abc  2026-07-30  35");
    }

    /// Narrow, the source and category go before the title is cut to a few words, and the
    /// date before a row is left with no room for a title (at 30 columns `items` showed an
    /// id, a date and `…`).
    #[test]
    fn a_title_keeps_room_where_other_columns_can_go() {
        use Fit::{Droppable, End, Keep, Yielding};
        let fits = [Keep, Yielding, Droppable, Droppable, End];
        let widths = vec![12, 10, 14, 8, 40];
        let at = |room| fitted(widths.clone(), 5, &fits, Some(room));
        // All fit at 100 columns.
        assert_eq!(at(100), (widths.clone(), vec![false; 5]));
        // At 60 the category and source go, for a title of 34 columns.
        assert_eq!(
            at(60),
            (
                vec![12, 10, 14, 8, 34],
                vec![false, false, true, true, false]
            )
        );
        // At 40 the date stays, the title cut to 14 columns.
        assert_eq!(at(40).0[4], 14);
        assert_eq!(at(40).1, vec![false, false, true, true, false]);
        // At 30 the date goes too: the title has 16 columns.
        assert_eq!(
            at(30),
            (
                vec![12, 10, 14, 8, 16],
                vec![false, true, true, true, false]
            )
        );
        // Piped, nothing is cut or left out.
        assert_eq!(
            fitted(widths[..4].to_vec(), 5, &fits, None),
            (widths[..4].to_vec(), vec![false; 5])
        );
    }

    /// A row that fits is printed whole, its own `……` too (a review: one was dropped).
    #[test]
    fn a_row_that_fits_keeps_its_own_ellipsis() {
        assert_eq!(
            cut_row("abc  这意味着什么……", 40, narrow()),
            "abc  这意味着什么……"
        );
        // Cut, a cell's own `…` is the row's, before a sliver left out too (a review: `……`).
        assert_eq!(cut_row("abc  AI每日…  标题", 12, narrow()), "abc  AI每日…");
        assert_eq!(
            cut_row("abc  AI每日…  标题很长", 17, narrow()),
            "abc  AI每日…"
        );
    }
}
