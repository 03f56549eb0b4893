//! The search view: the results (date, marks, title, source, and a one-line snippet with the
//! match marked), the selected result's article with every occurrence of the query's terms
//! marked, and the search line at the bottom.

use super::super::app::App;
use super::super::search::{SearchFocus, SearchView};
use super::layout::{self, SearchScreen};
use super::status::truncate_line;
use super::{
    ACCENT, BOLD, CURRENT_MATCH, DIM, FOCUS, MATCH, OK, breadcrumb, draw_block, list, pane_block,
    put_line, scrollbar, status, too_small,
};
use crate::search::{Highlighter, Snippet, quoted};
use crate::text::{self, TextOptions};
use crate::tui::scope::{ItemRef, Scope};
use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use std::ops::Range;

/// Draws the search view; returns where the terminal's cursor goes while the line is typed in.
pub(crate) fn draw(buf: &mut Buffer, area: Rect, app: &mut App) -> Option<(u16, u16)> {
    let reading = app
        .search_view()
        .is_some_and(|v| v.focus == SearchFocus::Article);
    match layout::split_search(area, reading) {
        SearchScreen::TooSmall => {
            too_small::draw(buf, area, app.text_options());
            None
        }
        SearchScreen::Wide {
            results,
            article,
            line,
            status,
        } => {
            app.view.wide = true;
            draw_results(buf, results, app);
            draw_article(buf, article, app);
            let cursor = draw_line(buf, line, app);
            status::draw(buf, status, app);
            cursor
        }
        SearchScreen::Narrow {
            breadcrumb,
            pane,
            line,
            status,
        } => {
            app.view.wide = false;
            breadcrumb::draw(buf, breadcrumb, app);
            if reading {
                draw_article(buf, pane, app);
            } else {
                draw_results(buf, pane, app);
            }
            let cursor = draw_line(buf, line, app);
            status::draw(buf, status, app);
            cursor
        }
    }
}

/// The results' count, or that they are coming. While files are being indexed the count
/// is of the stories indexed so far (the search runs again when the rest are).
fn count(app: &App, view: &SearchView) -> String {
    if view.query().is_empty() {
        return "type to search".to_string();
    }
    match (view.pending, view.hits.len()) {
        (true, 0) => "searching…".to_string(),
        (true, n) => format!(
            "{} · searching…",
            crate::text::plural(n, "result", "results")
        ),
        (false, n) if app.pending_in(view.answered_scope) > 0 => {
            format!("{} so far", crate::text::plural(n, "result", "results"))
        }
        (false, n) => crate::text::plural(n, "result", "results"),
    }
}

/// The status bar's first row: `搜索 “英伟达” · 全部存档 · 9 results`; `unread`: with how
/// many of the results are unread once they are all in (`9 results, 3 unread`), as the
/// reader's scope says of its stories.
/// `room`: the columns it may take, short of which the query gives way (the search line
/// above says it whole) rather than the count: cut on a wide screen (tester J: a long query
/// at 100 columns pushed the count out), left out one pane at a time, where the path names
/// it, with the scope's dates when they do not fit either (tester C: at 40 columns it cut
/// the count).
pub(crate) fn summary(app: &App, view: &SearchView, unread: bool, room: Option<usize>) -> String {
    // Without the spaces typed around it (tester AC: `“alpha ”` as the next word came).
    let query = text::single_line(view.line.text().trim());
    if query.trim().is_empty() {
        return format!("搜索 Search · {}", app.label_of(view.scope));
    }
    let done =
        !view.pending && !view.query().is_empty() && app.pending_in(view.answered_scope) == 0;
    let unread = match unread && done {
        true => {
            let (library, session) = (app.library(), app.session());
            let id = |&r: &ItemRef| library.index().id(library.global(r));
            let n = view.hits.iter().filter(|r| !session.is_read(id(r))).count();
            super::status::unread_words(view.hits.len(), n)
        }
        false => String::new(),
    };
    let counted = format!("{}{unread}", count(app, view));
    let scope = app.label_of(view.scope);
    let opts = app.text_options();
    let whole = format!("搜索 {} · {scope} · {counted}", quoted(&query));
    match room {
        Some(room) if text::str_width(&whole, opts) > room => {
            let around = format!("搜索 “” · {scope} · {counted}");
            let left = room.saturating_sub(text::str_width(&around, opts));
            if app.view.wide && left >= QUERY_LEAST {
                let query = text::truncate(&query, left, opts);
                format!("搜索 {} · {scope} · {counted}", quoted(&query))
            } else {
                super::status::scope_and_count(app, view.scope, scope, &counted, room)
            }
        }
        _ => whole,
    }
}

/// The fewest columns of a query the status bar keeps, cut: fewer say nothing.
const QUERY_LEAST: usize = 8;

/// The narrow layout's breadcrumb: the search, then the shown story when it has the keyboard.
pub(crate) fn breadcrumb(app: &App, view: &SearchView) -> Vec<String> {
    let query = text::single_line(view.line.text().trim());
    let mut parts = vec![if query.trim().is_empty() {
        "搜索 Search".to_string()
    } else {
        format!("搜索 {}", quoted(&query))
    }];
    if view.focus == SearchFocus::Article
        && let Some(hit) = view.selected_hit()
    {
        parts.push(text::single_line(app.item_at(hit).1.title).into_owned());
    }
    parts
}

/// Untrusted text as one line: sanitised, every run of blanks one space (kept at the ends, so
/// pieces of a snippet join as they were).
fn one_line(s: &str) -> String {
    let s = text::sanitize(s);
    let mut out = String::with_capacity(s.len());
    let mut blank = false;
    for c in s.chars() {
        if c.is_whitespace() {
            blank = true;
        } else {
            if blank {
                out.push(' ');
                blank = false;
            }
            out.push(c);
        }
    }
    if blank {
        out.push(' ');
    }
    out
}

/// `s` cut into pieces at `ranges` (byte ranges, sorted, not overlapping), each made one clean
/// line and styled `base`, or `base` with [`MATCH`] inside a range.
fn marked_pieces(s: &str, ranges: &[Range<usize>], base: Style) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    let mut at = 0;
    for r in ranges {
        if r.start > at {
            out.push(Span::styled(one_line(&s[at..r.start]), base));
        }
        out.push(Span::styled(one_line(&s[r.clone()]), base.patch(MATCH)));
        at = r.end;
    }
    if at < s.len() {
        out.push(Span::styled(one_line(&s[at..]), base));
    }
    out.retain(|span| !span.content.is_empty());
    out
}

/// Where a snippet's matches are: the snippet's own match, and every other place a term
/// occurs (ranges not on char boundaries are dropped).
fn snippet_ranges(snippet: &Snippet, terms: &Highlighter) -> Vec<Range<usize>> {
    let s = snippet.text.as_str();
    let mut ranges = terms.ranges(s);
    if let Some(r) = snippet.match_range.clone()
        && r.start < r.end
        && r.end <= s.len()
        && s.is_char_boundary(r.start)
        && s.is_char_boundary(r.end)
    {
        ranges.push(r);
    }
    crate::search::merge_ranges(ranges, crate::search::Join::Overlapping)
}

/// What a snippet row starts with, under its story's row (here and in `ribao search`).
pub(crate) const SNIPPET_INDENT: &str = "    ";

/// The snippet row, `width` columns at most: when the text before the first match would push
/// it out of sight, that text is cut from the left.
pub(crate) fn snippet_line(
    snippet: &Snippet,
    terms: &Highlighter,
    width: usize,
    opts: TextOptions,
) -> Line<'static> {
    let room = width.saturating_sub(SNIPPET_INDENT.len());
    let ranges = snippet_ranges(snippet, terms);
    let snippet = snippet.text.as_str();
    let mut pieces = marked_pieces(snippet.trim_start(), &shift(&ranges, snippet), DIM);
    if pieces.iter().all(|p| p.content.trim().is_empty()) {
        pieces = vec![Span::styled(crate::article::NO_TEXT, DIM)];
    }
    let w = |span: &Span<'_>| text::str_width(&span.content, opts);
    if let Some(first) = pieces.iter().position(list::is_match) {
        let budget = room.saturating_sub(w(&pieces[first]) + 6).max(room / 4);
        cut_before_match(&mut pieces, first, room, budget, DIM, opts);
    }
    // A match the row's end would cut is left out whole: half a word marked, or the `…` in
    // its place marked, read as a match (tester U).
    // (Where `truncate_line` cuts: at the first piece that leaves no room for the `…`.)
    let ellipsis = Span::styled("…", DIM);
    let mut left = room;
    let cut = pieces
        .iter()
        .position(|p| match left.checked_sub(w(p) + w(&ellipsis)) {
            Some(_) => {
                left -= w(p);
                false
            }
            None => true,
        });
    let total: usize = pieces.iter().map(w).sum();
    if let Some(cut) = cut.filter(|&c| c > 0 && total > room && list::is_match(&pieces[c])) {
        pieces.truncate(cut);
        pieces.push(ellipsis);
    }
    let mut line = truncate_line(&Line::from(pieces), room, opts);
    line.spans.insert(0, Span::raw(SNIPPET_INDENT));
    line
}

/// `pieces` with what comes before the match `pieces[first]` cut from its left to `budget`
/// columns, fewer where a long match that fits the `room` would be pushed off its end
/// (tester CW: a 50-letter word in 60 columns was left out); the cut styled `style`.
fn cut_before_match(
    pieces: &mut Vec<Span<'static>>,
    first: usize,
    room: usize,
    budget: usize,
    style: Style,
    opts: TextOptions,
) {
    let budget = match room.checked_sub(text::str_width(&pieces[first].content, opts) + 1) {
        Some(fits) if fits > 0 => budget.min(fits),
        _ => budget,
    };
    let joined: String = pieces[..first].iter().map(|s| s.content.as_ref()).collect();
    if text::str_width(&joined, opts) <= budget {
        return;
    }
    let cut = text::truncate_left(&joined, budget, opts);
    // Read on cleanly from the cut (tester U: `…）宣布`, `…-5 均使用`).
    let kept = cut.strip_prefix('…').unwrap_or(&cut);
    let prev = joined[..joined.len() - kept.len()].chars().next_back();
    let cut = format!("…{}", &kept[text::after_cut(prev, kept)..]);
    pieces.splice(..first, [Span::styled(cut, style)]);
}

/// `ranges` of `s` as ranges of `s.trim_start()`.
fn shift(ranges: &[Range<usize>], s: &str) -> Vec<Range<usize>> {
    let lead = s.len() - s.trim_start().len();
    ranges
        .iter()
        .filter(|r| r.end > lead)
        .map(|r| r.start.saturating_sub(lead)..r.end - lead)
        .collect()
}

/// The fewest columns a result's title and source share, before the source gives way.
const SOURCE_LEAST_ROOM: usize = 26;

/// Results narrower than this many columns show their dates without the year.
const NARROW_RESULTS: usize = 36;

/// The fewest columns of a title beside its date, which gives way below them.
const LEAST_TITLE: usize = 8;

/// The title row: `› 2026-01-24 ★✓ title …   source`, the terms marked in the title.
fn title_line(
    app: &App,
    hit: ItemRef,
    terms: &Highlighter,
    selected: bool,
    width: usize,
    opts: TextOptions,
) -> Line<'static> {
    let (digest, item) = app.item_at(hit);
    let read = app.is_read(&item);
    let date = crate::model::date_label(digest.date);
    let scope = app.search_view().map_or(Scope::All, |v| v.answered_scope);
    // Narrow (beside the article below 100 columns), the year gives way to the title
    // (tester AI: 4 to 8 characters of it were left); its last two digits stay where the
    // results are of several years (tester BJ: `12-31` came after `01-04`).
    let date = match width < NARROW_RESULTS {
        true if app.scope_in_one_year(scope) => super::status::without_year(&date).unwrap_or(&date),
        true => super::status::without_century(&date).unwrap_or(&date),
        false => &date,
    };
    // Over one date, each row's date is the scope's, said in the title: the room goes to
    // the story's title (tester BB: 15 characters of it at 100 columns).
    let one_date = scope == Scope::Day;
    // Narrower still (beside the article at 80 columns), the date gives way too, as the
    // stories list has none: a title of a character or two said nothing (tester CN).
    // (Beside it: `› `, its space, `★` and `✓ `.)
    let squeezed = width < text::str_width(date, opts) + 6 + LEAST_TITLE;
    let date = match one_date || squeezed {
        true => String::new(),
        false => format!("{date} "),
    };
    let mut spans = vec![
        list::marker(selected),
        Span::styled(date, DIM),
        if app.is_bookmarked(&item) {
            Span::styled("★", ACCENT)
        } else {
            Span::raw(" ")
        },
        if read {
            Span::styled("✓ ", OK)
        } else {
            Span::raw("  ")
        },
    ];
    let prefix_w: usize = spans
        .iter()
        .map(|s| text::str_width(&s.content, opts))
        .sum();
    let title_style = if read { DIM } else { BOLD };
    let source = text::single_line(&digest.source);
    let room = width.saturating_sub(prefix_w);
    // A name is cut at its end, as titles are (`AI行…递` read as two names; tester A), a
    // third of the row at most. Short of room, the source gives way to the title, which
    // says what the story is (tester G: seven characters of title beside `AI每日…` at 40
    // columns).
    let source = if room < SOURCE_LEAST_ROOM {
        String::new()
    } else {
        super::cut_name(&source, room / 3, opts).into_owned()
    };
    let source_w = text::str_width(&source, opts);
    let title_room = room.saturating_sub(source_w + usize::from(source_w > 0));
    let snippet = app.search_view().and_then(|v| v.snippets.get(&hit));
    let marked_below = snippet.is_some_and(|s| is_marked(s, terms));
    let title = text::single_line(item.title);
    let title_line = marked_title(&title, terms, title_style, title_room, !marked_below, opts);
    let gap = room.saturating_sub(text::line_width(&title_line, opts) + source_w);
    spans.extend(title_line.spans);
    spans.push(Span::raw(" ".repeat(gap)));
    spans.push(Span::styled(source, DIM));
    Line::from(spans)
}

/// Whether a snippet shows a match marked.
pub(crate) fn is_marked(snippet: &Snippet, terms: &Highlighter) -> bool {
    !snippet_ranges(snippet, terms).is_empty()
}

/// A result's title in `room` columns, styled `style`, its terms marked (here and in `ribao
/// search`). A match the cut would leave out is kept in sight, what comes before it cut
/// instead, when `keep_match` (where the snippet below shows none; tester CZ: at 60 columns a
/// title's only match was cut off); else the title's start says more.
pub(crate) fn marked_title(
    title: &str,
    terms: &Highlighter,
    style: Style,
    room: usize,
    keep_match: bool,
    opts: TextOptions,
) -> Line<'static> {
    let mut pieces = marked_pieces(title, &terms.ranges(title), style);
    let w = |span: &Span<'_>| text::str_width(&span.content, opts);
    if let Some(first) = pieces
        .iter()
        .position(list::is_match)
        .filter(|_| keep_match)
    {
        let to_end: usize = pieces[..=first].iter().map(w).sum();
        if to_end > room {
            let budget = room.saturating_sub(w(&pieces[first]) + 6).max(room / 4);
            cut_before_match(&mut pieces, first, room, budget, style, opts);
        }
    }
    let mut title_line = truncate_line(&Line::from(pieces), room, opts);
    // A match cut short keeps its mark, not the `…` after it (tester CW: `Superc…` marked
    // whole).
    if let Some(last) = title_line.spans.pop() {
        match last.content.strip_suffix('…') {
            Some(kept) if list::is_match(&last) => {
                title_line
                    .spans
                    .push(Span::styled(kept.to_string(), last.style));
                title_line.spans.push(Span::styled("…", style));
            }
            _ => title_line.spans.push(last),
        }
    }
    title_line
}

fn draw_results(buf: &mut Buffer, area: Rect, app: &mut App) {
    let opts = app.text_options();
    let Some(view) = app.search_view() else {
        return;
    };
    let focused = view.focus == SearchFocus::Results;
    let (scope, count) = (app.label_of(view.scope), count(app, view));
    // Narrow, the English word and then the scope (the status bar names it) give way before
    // the count is cut (tester G: `376 resul…` at 40 columns).
    let room = usize::from(area.width).saturating_sub(4);
    // Narrowest, the number alone (tester BK: `结果 · 998 resu…` beside a story at 80).
    let number = (!view.pending && !view.query().is_empty()).then_some(view.hits.len());
    let titles = [
        format!("结果 Results · {scope} · {count}"),
        format!("结果 · {scope} · {count}"),
        format!("结果 · {count}"),
    ];
    let narrowest = number.map(|n| format!("结果 · {n}"));
    let title = titles
        .iter()
        .chain(&narrowest)
        .find(|t| text::str_width(t, opts) <= room)
        .unwrap_or(narrowest.as_ref().unwrap_or(&titles[2]));
    let inner = draw_block(buf, area, pane_block(title, focused, area.width, opts));
    let width = usize::from(inner.width);
    if inner.height == 0 || width == 0 {
        return;
    }
    // Text, not rows of results: a column in from the frame, as an article's (tester BB:
    // `┃没有匹配` touched it).
    let text_at = super::text_area(inner);
    let text_w = usize::from(text_at.width);
    let message = if view.query().is_empty() {
        Some(hint_lines(app, view, text_w, opts))
    } else if view.hits.is_empty() && !view.pending {
        Some(no_match_lines(app, view, text_w, opts))
    } else if view.hits.is_empty() {
        Some(text::wrap(&[Span::styled("searching…", DIM)], text_w, opts))
    } else {
        None
    };
    if let Some(mut lines) = message {
        // More than the pane holds: its last row says so (tester AJ: the syntax help
        // stopped mid-sentence at 80×24).
        let height = usize::from(inner.height);
        if lines.len() > height {
            lines.truncate(height);
            if let Some(last) = lines.last_mut() {
                last.spans.push(Span::styled("…", DIM));
                *last = truncate_line(last, text_w, opts);
            }
        }
        for (line, y) in lines.iter().zip(inner.y..inner.bottom()) {
            put_line(buf, text_at.x, y, line, text_at.width, opts);
        }
        return;
    }
    let per = if inner.height >= 4 { 2 } else { 1 };
    let visible = usize::from(inner.height) / per;
    let len = view.hits.len();
    let selected = view.selected;
    let mut offset = view.offset;
    if selected < offset {
        offset = selected;
    } else if selected >= offset + visible {
        offset = selected + 1 - visible;
    }
    offset = offset.min(len.saturating_sub(visible));
    if per == 2 {
        add_snippets(app, offset..len.min(offset + visible));
    }
    let Some(view) = app.search_view() else {
        return;
    };
    let terms = Highlighter::new(&view.terms);
    for (i, top) in (offset..len.min(offset + visible)).zip((inner.y..).step_by(per)) {
        let hit = view.hits[i];
        let is_selected = i == selected;
        let mut rows = vec![title_line(app, hit, &terms, is_selected, width, opts)];
        if per == 2
            && let Some(snippet) = view.snippets.get(&hit)
        {
            rows.push(snippet_line(snippet, &terms, width, opts));
        }
        for (line, y) in rows.iter().zip(top..) {
            put_line(buf, inner.x, y, line, inner.width, opts);
            if is_selected {
                let focused = focused || view.focus == SearchFocus::Line;
                list::highlight_row(buf, inner.x, y, inner.width, line, focused, opts);
            }
        }
    }
    scrollbar(buf, area, len, visible, offset, opts);
    app.view.results_height = visible;
    if let Some(view) = app.search_mut() {
        view.offset = offset;
    }
}

/// Snippets for the results `range` (the rows on screen) that have none yet.
fn add_snippets(app: &mut App, range: Range<usize>) {
    let Some(view) = app.search_view() else {
        return;
    };
    let wanted: Vec<_> = view.hits[range]
        .iter()
        .filter(|hit| !view.snippets.contains_key(hit))
        .map(|&hit| {
            let text = app.library.index().text_of(app.library.global(hit));
            (hit, view.snippet_maker.of(text))
        })
        .collect();
    if let Some(view) = app.search_mut() {
        view.snippets.extend(wanted);
    }
}

/// What to type, for an empty search line.
fn hint_lines(app: &App, view: &SearchView, width: usize, opts: TextOptions) -> Vec<Line<'static>> {
    let mut out = text::wrap(
        &[Span::styled(
            format!(
                "输入关键词搜索 / type to search · {}",
                app.label_of(view.scope)
            ),
            ACCENT,
        )],
        width,
        opts,
    );
    out.push(Line::default());
    let rows = [
        (
            "英伟达 GPU",
            "every word must match (Chinese anywhere; Latin as whole words in any case and \
             any form: agent finds agents)",
        ),
        ("claud*", "the words it starts"),
        ("\"open source\"", "a phrase: its words in order"),
        ("-传闻", "leave out stories with this word"),
        ("source:日报", "only this publication"),
        ("category:开源", "only this category (either kind)"),
        ("date:2026-01", "only these dates"),
        (
            "-source:日报",
            "leave out this publication (as -category: and -date: leave out theirs)",
        ),
    ];
    let key_w = 16;
    for (example, what) in rows {
        let first = [Span::styled(super::pad_to(example, key_w, opts), FOCUS)];
        let rest = [Span::raw(" ".repeat(key_w))];
        out.extend(text::wrap_with_prefix(
            &[Span::raw(what)],
            width,
            &first,
            &rest,
            opts,
        ));
    }
    out.push(Line::default());
    out.extend(text::wrap(
        &[Span::styled(
            "Tab changes the scope · Enter goes to the results · Esc closes the search",
            DIM,
        )],
        width,
        opts,
    ));
    out
}

/// Nothing found: says what was searched where, and what else to try.
fn no_match_lines(
    app: &App,
    view: &SearchView,
    width: usize,
    opts: TextOptions,
) -> Vec<Line<'static>> {
    let parsed = crate::search::Query::parse(&view.answered);
    if let Some(problem) = parsed.problem() {
        return text::wrap(&[Span::styled(problem, ACCENT)], width, opts);
    }
    let query = text::single_line(view.answered.trim());
    let query = quoted(&crate::search::said_query(&query, opts));
    let scope = app.label_of(view.answered_scope);
    // Files of other dates cannot change the answer (tester D: a date indexed first was
    // said to wait on the whole archive).
    let said = match app.pending_in(view.answered_scope) {
        0 => format!("没有匹配 / no match for {query} in {scope}"),
        1 => format!(
            "no match yet for {query} in {scope}: 1 file is still being indexed, and the \
             search runs again when it is"
        ),
        n => format!(
            "no match yet for {query} in {scope}: {n} files are still being indexed, and \
             the search runs again when they are"
        ),
    };
    let mut out = text::wrap(&[Span::styled(said, ACCENT)], width, opts);
    // The key that widens the scope from where the keyboard is.
    let wider = match view.focus {
        SearchFocus::Line => "Tab",
        SearchFocus::Results | SearchFocus::Article => "a",
    };
    let whole_archive = view.answered_scope == Scope::All;
    let dates_outside = !parsed.dates.is_empty()
        && !parsed
            .dates
            .iter()
            .any(|d| app.scope_has_date(view.answered_scope, d));
    // A filter's name with spaces, unquoted, is the likeliest slip when it is one; then a
    // name nothing has.
    let library = app.library();
    let named = library.quoting_advice(&view.answered);
    // (Not while files are indexed: a name may be of theirs.)
    let named = named.or_else(|| {
        let why = (app.pending_in(Scope::All) == 0).then(|| library.unknown_name(&parsed))??;
        Some(format!("Nothing can match: {}.", why.why_none()?))
    });
    let named = named.or_else(|| parsed.unknown_filter().map(|said| format!("{said}.")));
    // What the whole archive has, when a narrower scope had nothing (tester W: a first
    // search of the date found nothing, and nothing said that the archive had 34).
    // Of the files indexed so far, while the rest are (tester AZ: 405 were said, of 2,345).
    let so_far = match app.pending_in(Scope::All) {
        0 => "",
        _ => " so far",
    };
    let in_archive = view.in_archive.filter(|_| !whole_archive).map(|n| match n {
        0 => format!(
            "Nothing in the whole archive (全部存档) matches either{so_far}: try fewer or \
             shorter words; Chinese is matched as written, without word segmentation."
        ),
        n => format!(
            "The whole archive (全部存档) has {}{so_far}: press {wider}{} to search it.",
            text::plural(n, "matching story", "matching stories"),
            // The scopes between are said to be passed (tester AU: the first press showed
            // the newest week, without the date searched, and two unrelated results).
            match view.answered_scope.steps_to(Scope::All) {
                1 => String::new(),
                n => format!(" {n} times"),
            }
        ),
    });
    // A date no digest of the whole archive has is the reason, from any scope (a review:
    // from a narrower one, "try fewer words" was said).
    let nowhere =
        dates_outside && !(parsed.dates.iter()).any(|d| app.scope_has_date(Scope::All, d));
    let advice = named.unwrap_or_else(|| match (dates_outside, in_archive) {
        _ if nowhere && parsed.dates == [crate::model::UNDATED] => "No digest is undated.".into(),
        _ if nowhere => format!("No digest is dated {}.", parsed.dates.join(" or ")),
        // What the whole archive has, when it is known: one press may still be a scope
        // without the date (tester CL: it said "press Tab", and a Tab found nothing).
        (true, Some(in_archive)) => {
            format!(
                "{} is outside {scope}. {in_archive}",
                parsed.dates.join(" or ")
            )
        }
        (true, None) => format!(
            "{} is outside {scope}: press {wider} to search a wider scope.",
            parsed.dates.join(" or ")
        ),
        (false, Some(in_archive)) => in_archive,
        (false, None) if whole_archive => "Try fewer or shorter words; Chinese is matched as \
                                           written, without word segmentation."
            .to_string(),
        (false, None) => {
            // "press": `a searches…` read as a typo (tester N).
            format!("Press {wider} to search a wider scope; fewer or shorter words match more.")
        }
    });
    out.push(Line::default());
    out.extend(text::wrap(&[Span::styled(advice, DIM)], width, opts));
    out
}

fn draw_article(buf: &mut Buffer, area: Rect, app: &mut App) {
    let opts = app.text_options();
    let Some(view) = app.search_view() else {
        return;
    };
    let focused = view.focus == SearchFocus::Article;
    let shown = view.selected_hit();
    let current = view.current;
    let pending = view.pending;
    let empty_query = view.query().is_empty();
    // A query of filters only (`date:2026-08`) has no words to count matches of.
    let no_words = view.terms.is_empty();
    // Where the text goes, inside the border and its margins: known before the border is
    // drawn, as its title counts the matches at that width.
    let inner = super::text_area(area.inner(Margin::new(1, 1)));
    let (width, height) = (usize::from(inner.width), usize::from(inner.height));
    let total = shown
        .and_then(|_| app.search_marked(width))
        .map_or(0, |m| m.matches.len());
    let word = if focused {
        "文章 Article"
    } else {
        "预览 Preview"
    };
    // Bookmarked, as the reader's article says it, before the count that a narrow pane cuts
    // (tester CP: at 28 columns the ★ went first).
    let word = match shown {
        Some(r) if app.session().is_bookmarked(app.id_at(r)) => format!("{word} · ★"),
        _ => word.to_string(),
    };
    let title = match (shown, current) {
        (None, _) => word,
        (Some(_), _) if no_words => word,
        (Some(_), Some(c)) => format!("{word} · match {} of {total}", c + 1),
        (Some(_), None) => format!(
            "{word} · {}",
            crate::text::plural(total, "match", "matches")
        ),
    };
    draw_block(buf, area, pane_block(&title, focused, area.width, opts));
    app.view.article_width = width;
    if width == 0 || height == 0 {
        return;
    }
    if shown.is_none() {
        let note = if empty_query {
            "the selected result is shown here"
        } else if pending {
            "searching…"
        } else {
            "no result to show"
        };
        // Wrapped: a narrow preview cut it (`…is show`, tester AI).
        let rows = text::wrap(&[Span::styled(note, DIM)], width, opts);
        for (row, y) in rows.iter().take(height).zip(inner.y..) {
            put_line(buf, inner.x, y, row, inner.width, opts);
        }
        return;
    }
    let len = app.search_marked(width).map_or(0, |m| m.lines.len());
    app.set_search_article_metrics(len, height);
    let scroll = app.search_view().map_or(0, |v| v.scroll);
    let Some(marked) = app.search_marked(width) else {
        return;
    };
    // A preview whose first match is below its end shows it, a third of the way down (tester
    // BL: it went unseen); the story opened reads from its top, `n` going from match to match.
    let scroll = match (focused, marked.matches.first()) {
        (false, Some(first)) if first.line >= height => {
            (first.line - height / 3).min(len.saturating_sub(height))
        }
        _ => scroll,
    };
    for (line, y) in marked.lines.iter().skip(scroll).take(height).zip(inner.y..) {
        put_line(buf, inner.x, y, line, inner.width, opts);
    }
    let current = current.and_then(|c| marked.matches.get(c));
    for (line, cols) in current.into_iter().flat_map(|pos| pos.rows()) {
        if line < scroll || line >= scroll + height || cols.start >= width {
            continue;
        }
        let y = inner.y + (line - scroll) as u16;
        let w = cols.end.min(width) - cols.start;
        buf.set_style(
            Rect {
                x: inner.x + cols.start as u16,
                y,
                width: w as u16,
                height: 1,
            },
            CURRENT_MATCH,
        );
    }
    scrollbar(buf, area, len, height, scroll, opts);
}

/// The search line: `/ query` with the scope on the right; the cursor where the next
/// character goes while it is typed in.
fn draw_line(buf: &mut Buffer, area: Rect, app: &mut App) -> Option<(u16, u16)> {
    let opts = app.text_options();
    let view = app.search_view()?;
    let typing = view.focus == SearchFocus::Line;
    let width = usize::from(area.width);
    let prompt_style = if typing {
        FOCUS.add_modifier(Modifier::BOLD)
    } else {
        DIM
    };
    let prompt = Span::styled(" / ", prompt_style);
    let prompt_w = text::str_width(&prompt.content, opts);
    let label = app.label_of(view.scope);
    // Said in English too where the line keeps room to type (tester BJ: `范围` alone).
    let scope = match width >= prompt_w + text::str_width(&label, opts) + 40 {
        true => format!(" 范围 scope: {label} "),
        false => format!(" 范围 {label} "),
    };
    let scope_w = text::str_width(&scope, opts);
    let show_scope = width >= prompt_w + scope_w + 12;
    let room = width
        .saturating_sub(prompt_w + if show_scope { scope_w } else { 0 })
        .saturating_sub(1);
    let (before, after) = super::around_caret(&view.line, room, opts);
    let before_w = text::str_width(&before, opts);
    let text_style = match (typing, view.line.is_selected()) {
        (true, true) => Style::new().add_modifier(Modifier::REVERSED),
        (true, false) => Style::new(),
        (false, _) => DIM,
    };
    let mut spans = vec![prompt, Span::styled(before, text_style)];
    if view.line.is_empty() && typing {
        let placeholder = text::truncate("输入关键词 / type to search", room, opts).into_owned();
        spans.push(Span::styled(placeholder, DIM));
    } else {
        spans.push(Span::styled(after, text_style));
    }
    let used: usize = spans
        .iter()
        .map(|s| text::str_width(&s.content, opts))
        .sum();
    if show_scope {
        spans.push(Span::raw(" ".repeat(width.saturating_sub(used + scope_w))));
        spans.push(Span::styled(scope, DIM));
    }
    put_line(buf, area.x, area.y, &Line::from(spans), area.width, opts);
    let x = area.x + (prompt_w + before_w).min(width.saturating_sub(1)) as u16;
    typing.then_some((x, area.y))
}
