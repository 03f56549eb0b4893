//! A place in laid-out text that holds across widths: how many of the text's characters come
//! before a row. A resize (or a start at another size) keeps the reader at the same words
//! rather than the same row number, which at another width is somewhere else in the text.

use ratatui::text::Line;

/// Characters of a row that every layout of the text has once: not spaces, nor the bars,
/// rules and borders a layout repeats on each row or stretches to its width. A row of none
/// (a blank row between blocks, which every width has too) counts as one: else a place at
/// it was the next row's, and a story left with a blank row at the top opened a row on.
fn kept(line: &Line<'_>) -> usize {
    line.spans
        .iter()
        .flat_map(|s| s.content.chars())
        .filter(|&c| !c.is_whitespace() && !('\u{2500}'..='\u{259f}').contains(&c))
        .count()
        .max(1)
}

/// How many kept characters come before row `row`.
pub fn chars_before(lines: &[Line<'_>], row: usize) -> usize {
    lines.iter().take(row).map(kept).sum()
}

/// The row holding the character `chars` kept characters in (the end when there are fewer).
pub fn row_at(lines: &[Line<'_>], chars: usize) -> usize {
    let mut seen = 0;
    for (row, line) in lines.iter().enumerate() {
        seen += kept(line);
        if seen > chars {
            return row;
        }
    }
    lines.len()
}

/// A place a relayout scrolled to, and the row that gave. While the reader stays on that row,
/// the next relayout starts from the same place rather than from the row's first character,
/// so resizes back and forth do not creep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    pub place: usize,
    pub row: usize,
}

impl Anchor {
    /// `kept`'s place while the reader is still on the row it gave (top row `scroll`); else
    /// the place is that row's own ([`chars_before`] it in the layout shown until now).
    pub fn kept_at(kept: Option<Anchor>, scroll: usize) -> Option<usize> {
        kept.filter(|a| a.row == scroll).map(|a| a.place)
    }

    /// `place` in another layout, `lines`: the row to scroll to.
    pub fn in_lines(place: usize, lines: &[Line<'_>]) -> Anchor {
        Anchor {
            place,
            row: row_at(lines, place),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{TextOptions, render_markdown};
    use proptest::prelude::*;

    proptest! {
        /// Any two widths lay out the same kept characters in the same order, and the same
        /// blank rows between paragraphs, so a count of them is the same place in both; the
        /// row found for it starts at or before it and the next row is past it: the words
        /// (or the blank row) at the top stay on screen.
        #[test]
        fn a_place_is_found_again_at_another_width(
            words in proptest::collection::vec("[a-z]{1,9}|[一-龥]{1,6}|，|。|\n\n", 1..200),
            a in 12usize..90,
            b in 12usize..90,
            at in 0usize..400,
        ) {
            let md = words.join(" ");
            let (first, second) = (
                render_markdown(&md, a, TextOptions::default()).lines,
                render_markdown(&md, b, TextOptions::default()).lines,
            );
            let all = |lines: &[Line<'_>]| -> String {
                lines
                    .iter()
                    .flat_map(|l| l.spans.iter().flat_map(|s| s.content.chars()))
                    .filter(|&c| !c.is_whitespace() && !('\u{2500}'..='\u{259f}').contains(&c))
                    .collect()
            };
            prop_assert_eq!(all(&first), all(&second));
            let row = at.min(first.len().saturating_sub(1));
            let place = chars_before(&first, row);
            let found = row_at(&second, place);
            prop_assert!(chars_before(&second, found) <= place);
            prop_assert!(found >= second.len() || chars_before(&second, found + 1) > place);
        }
    }
}
