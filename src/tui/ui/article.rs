//! The article view: a story (title, meta line, link, rendered body with numbered links), or,
//! before a story is opened, the front page of the selected date's digests.

use super::super::app::{App, ItemRef, Pane};
use super::{ACCENT, BOLD, DIM, FOCUS, draw_block, pane_block, put_line, scrollbar, text_area};
use crate::index::DigestInfo;
use crate::library::Library;
use crate::model::Item;
use crate::text::place::Anchor;
use crate::text::{self, RenderCache, TextOptions};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

/// How many rows from the top of a story are found again after its file changed (see
/// [`ArticleCache::rows_at`]).
const ROWS_TOLD: usize = 3;

/// The text of the first [`ROWS_TOLD`] of `lines`, as they are told apart and found again.
fn rows_text(lines: &[Line<'_>]) -> String {
    let rows = lines.iter().take(ROWS_TOLD);
    rows.map(|l| l.to_string() + "\n").collect()
}

/// What the article view shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Content {
    Story(ItemRef),
    /// The front pages of these digests (one date).
    FrontPage(Vec<usize>),
    Empty,
}

/// Rendered Markdown per item (so scrolling never re-renders), the last composed article,
/// and the last story previewed beside the stories (kept apart, so the article's rows are
/// there to find its place in when it is left).
#[derive(Default)]
pub struct ArticleCache {
    render: RenderCache,
    composed: Option<Composed>,
    preview: Option<Composed>,
}

/// An article laid out for a width.
pub(crate) struct Composed {
    content: Content,
    width: usize,
    opts: TextOptions,
    pub lines: Vec<Line<'static>>,
    /// Rows that are not the story's text (its meta line and link; see
    /// [`crate::article::Header`]).
    pub unsearched: std::ops::Range<usize>,
    /// Front pages: the row each digest's page starts at (the blank rows over its title
    /// too), and the digest.
    starts: Vec<(usize, usize)>,
    /// A story with a link of its own or in its text (`o` and `L` have something to act on).
    has_links: bool,
}

impl ArticleCache {
    /// What was laid out last, when it was `content`.
    fn last(&self, content: &Content) -> Option<&Composed> {
        self.composed.as_ref().filter(|c| c.content == *content)
    }

    /// The text of the rows from `row` on (a few, enough to tell them from others), when
    /// `content` is what was laid out last and has rows there.
    pub(crate) fn rows_at(&self, content: &Content, row: usize) -> Option<String> {
        let lines = &self.last(content)?.lines;
        let text = rows_text(lines.get(row..)?);
        (!text.trim().is_empty()).then_some(text)
    }

    /// The place of row `row` of `content`, when that is what was laid out last.
    pub(crate) fn place(&self, content: &Content, row: usize) -> Option<usize> {
        self.last(content)
            .map(|c| text::place::chars_before(&c.lines, row))
    }

    /// Whether `content`, when it is what was laid out last (or previewed), is a story with
    /// any link.
    pub(crate) fn has_links(&self, content: &Content) -> Option<bool> {
        let previewed = || self.preview.as_ref().filter(|c| c.content == *content);
        Some(self.last(content).or_else(previewed)?.has_links)
    }

    /// The digest whose front page holds row `row` of `content`, when that is what was laid
    /// out last.
    pub(crate) fn digest_at(&self, content: &Content, row: usize) -> Option<usize> {
        let starts = &self.last(content)?.starts;
        let at = starts.partition_point(|&(start, _)| start <= row);
        starts.get(at.checked_sub(1)?).map(|&(_, d)| d)
    }

    /// The link targets in a story's body, in `[n]` order.
    pub(crate) fn body_links(
        &mut self,
        id: &str,
        body: &str,
        own: Option<&str>,
        width: usize,
        opts: TextOptions,
    ) -> Vec<text::LinkTarget> {
        self.render
            .get_or_render(id, body, own, width, opts)
            .links
            .clone()
    }

    /// The rows of `content` at `width` columns, composed on first use.
    pub(crate) fn lines(
        &mut self,
        library: &Library,
        content: Content,
        width: usize,
        opts: TextOptions,
    ) -> &[Line<'static>] {
        &self.composed(library, content, width, opts).lines
    }

    /// `content` laid out at `width` columns, on first use.
    pub(crate) fn composed(
        &mut self,
        library: &Library,
        content: Content,
        width: usize,
        opts: TextOptions,
    ) -> &Composed {
        compose_into(
            &mut self.composed,
            &mut self.render,
            library,
            content,
            width,
            opts,
        )
    }

    /// The rows of story `r` as a preview at `width` columns, composed on first use.
    fn previewed(
        &mut self,
        library: &Library,
        r: ItemRef,
        width: usize,
        opts: TextOptions,
    ) -> &[Line<'static>] {
        let content = Content::Story(r);
        let slot = &mut self.preview;
        &compose_into(slot, &mut self.render, library, content, width, opts).lines
    }
}

/// `content` laid out at `width` columns in `slot`, unless it is there already.
fn compose_into<'a>(
    slot: &'a mut Option<Composed>,
    render: &mut RenderCache,
    library: &Library,
    content: Content,
    width: usize,
    opts: TextOptions,
) -> &'a Composed {
    let fresh = slot
        .as_ref()
        .is_some_and(|c| c.content == content && c.width == width && c.opts == opts);
    if !fresh {
        let mut unsearched = 0..0;
        let mut starts = Vec::new();
        let mut has_links = false;
        let lines = match &content {
            Content::Story(r) => {
                let (digest, view) = crate::tui::scope::item(library, *r);
                // A story whose file cannot be read now is headed as ever, from the
                // index, with the reason where its text would be.
                let (item, unreadable) = match library.story(library.global(*r)) {
                    Ok(item) => (item, None),
                    Err(why) => (view.without_text(), Some(why)),
                };
                let (lines, about, links) = story(render, digest, &item, unreadable, width, opts);
                unsearched = about;
                has_links = links;
                lines
            }
            Content::FrontPage(digests) => {
                let (lines, at) = front_pages(render, library, digests, width, opts);
                starts = at;
                lines
            }
            Content::Empty => text::wrap(
                &[Span::styled(
                    format!(
                        "还没有日报 / no digests yet — put digest files (.md, .markdown, \
                             .txt, in any sub-folders) in {}: they show up in a moment",
                        text::single_line(&library.origin.store().display().to_string())
                    ),
                    DIM,
                )],
                width,
                opts,
            ),
        };
        let old = slot.replace(Composed {
            content,
            width,
            opts,
            lines,
            unsearched,
            starts,
            has_links,
        });
        crate::memory::give_back_rows(old.map_or(0, |old| old.lines.len()));
    }
    slot.as_ref()
        .expect("composed just above when it was not fresh")
}

pub(crate) fn draw(buf: &mut Buffer, area: Rect, app: &mut App) {
    if let Some(r) = app.previewed() {
        return draw_preview(buf, area, app, r);
    }
    let opts = app.text_options();
    let focused = app.focus() == Pane::Article;
    let content = app.article_content();
    // Whether the story read is bookmarked, said where it is read (tester CM: only the
    // count in the status bar said anything, and one pane at a time no list beside it).
    let title = match content {
        Content::Story(r) if app.session().is_bookmarked(app.id_at(r)) => "文章 Article · ★",
        Content::Story(_) => "文章 Article",
        _ => "概览 Overview",
    };
    let inner = text_area(draw_block(
        buf,
        area,
        pane_block(title, focused, area.width, opts),
    ));
    let (width, height) = (usize::from(inner.width), usize::from(inner.height));
    app.view.article_width = width;
    if width == 0 || height == 0 {
        return;
    }
    // Laid out at another width than last drawn (a resize), or asked by a restored position:
    // the same words at the top, not the same row.
    let relaid = app.view.article_wrap != width;
    let place = app
        .take_place()
        .or_else(|| relaid.then(|| app.article_place(&content)).flatten());
    let (top_rows, was) = (app.take_top_rows(), app.scroll());
    let lines = app
        .article
        .lines(&app.library, content.clone(), width, opts);
    // The rows that were at the top before the story's file changed, found again nearest
    // where they were: text put in or taken out above them moves them.
    let found = top_rows.and_then(|top| {
        (0..lines.len())
            .filter(|&row| rows_text(&lines[row..]) == top)
            .min_by_key(|row| row.abs_diff(was))
    });
    // (Found, they are the place: the count of characters before them moved with them.)
    let place = place.filter(|_| found.is_none());
    let (len, anchor) = (lines.len(), place.map(|p| Anchor::in_lines(p, lines)));
    if let Some(row) = found {
        app.set_scroll(row);
    }
    if let Some(anchor) = anchor {
        app.set_scroll(anchor.row);
        app.view.article_anchor = Some((content.clone(), anchor));
    }
    app.set_article_metrics(len, width, height);
    // Held short of its place (the story fits, or ends sooner): the place stays the one to
    // go back to at the next size, for as long as the reader is left where it was put.
    let scroll = app.scroll();
    if anchor.is_some()
        && let Some((_, kept)) = app.view.article_anchor.as_mut()
    {
        kept.row = scroll;
    }
    let lines = app.article.lines(&app.library, content, width, opts);
    for (line, y) in lines.iter().skip(scroll).take(height).zip(inner.y..) {
        put_line(buf, inner.x, y, line, inner.width, opts);
    }
    scrollbar(buf, area, len, height, scroll, opts);
}

/// The story highlighted in the stories, beside them, as Enter opens it: from its top, or
/// where it was left (tester AO: the preview showed its top, then Enter its middle). The
/// article's scroll and place are the open story's, kept for when it is shown again.
fn draw_preview(buf: &mut Buffer, area: Rect, app: &mut App, r: ItemRef) {
    let opts = app.text_options();
    let left_at = app.left_at(r);
    let full = "预览 Preview · where it was left";
    let title = match left_at {
        Some(_) if text::str_width(full, opts) + 4 <= usize::from(area.width) => full,
        _ => "预览 Preview",
    };
    let block = pane_block(title, false, area.width, opts);
    let inner = text_area(draw_block(buf, area, block));
    let (width, height) = (usize::from(inner.width), usize::from(inner.height));
    app.view.article_width = width;
    if width == 0 || height == 0 {
        return;
    }
    // What the pane shows when not previewing, laid out too: where it was left is found in
    // its rows (when the reader's place is saved, or the story open is left).
    app.article
        .composed(&app.library, app.article_content(), width, opts);
    let lines = app.article.previewed(&app.library, r, width, opts);
    let top = left_at.map_or(0, |place| Anchor::in_lines(place, lines).row);
    let top = top.min(lines.len().saturating_sub(height));
    for (line, y) in lines.iter().skip(top).take(height).zip(inner.y..) {
        put_line(buf, inner.x, y, line, inner.width, opts);
    }
    scrollbar(buf, area, lines.len(), height, top, opts);
}

fn wrap_styled(
    s: &str,
    style: ratatui::style::Style,
    width: usize,
    opts: TextOptions,
) -> Vec<Line<'static>> {
    text::wrap(&[Span::styled(text::single_line(s), style)], width, opts)
}

/// The story as rows: title, meta line, link, blank, body (links listed at its end), or
/// why its text cannot be read (`unreadable`); which rows are the meta line and link; and
/// whether it has any link, its own or in its text.
fn story(
    render: &mut RenderCache,
    digest: &DigestInfo,
    item: &Item,
    unreadable: Option<String>,
    width: usize,
    opts: TextOptions,
) -> (Vec<Line<'static>>, std::ops::Range<usize>, bool) {
    let header = crate::article::header(digest, item, width, opts);
    let mut out = header.rows;
    let mut links = item.url.is_some();
    out.push(Line::default());
    if let Some(why) = unreadable {
        let why = format!("（正文读不到 / its text cannot be read）{why}");
        out.extend(wrap_styled(&why, DIM, width, opts));
    } else {
        let own = item.url.as_deref();
        let rendered = (!item.body.trim().is_empty())
            .then(|| render.get_or_render(&item.id, &item.body, own, width, opts))
            .filter(|r| crate::article::holds_text(&r.lines));
        match rendered {
            Some(rendered) => {
                out.extend(rendered.lines.iter().cloned());
                links |= !rendered.links.is_empty();
            }
            None => {
                let hint = if item.url.is_some() {
                    "（没有正文 / no text — press o to open the link）"
                } else {
                    crate::article::NO_TEXT
                };
                out.extend(wrap_styled(hint, DIM, width, opts));
            }
        }
    }
    (out, header.about, links)
}

/// Each digest of the date: its title, a meta line, and its own front page, or when it has
/// none, its headlines by category; a copy of a digest above says so instead, after the
/// others (tester S: a raw copy's note opened the date, the front page it repeats below).
fn front_pages(
    render: &mut RenderCache,
    library: &Library,
    digests: &[usize],
    width: usize,
    opts: TextOptions,
) -> (Vec<Line<'static>>, Vec<(usize, usize)>) {
    let mut out = Vec::new();
    let mut starts = Vec::with_capacity(digests.len());
    let mut digests = digests.to_vec();
    digests.sort_by_key(|&d| library.index().is_copy(&library.digests()[d]));
    for (n, &d) in digests.iter().enumerate() {
        let digest = &library.digests()[d];
        // The rows between two pages are the next one's: at the top of the pane, over its
        // title, they are all that is left of the page before (tester DD: `v` there opened
        // the file scrolled away).
        starts.push((out.len(), d));
        if n > 0 {
            out.push(Line::default());
            out.push(Line::default());
        }
        out.extend(wrap_styled(&digest.title, ACCENT, width, opts));
        let date = crate::model::date_label(digest.date);
        let count = digest.items.len();
        // The count and its word kept on one row (tester BG: `35` ended one, `stories` began
        // the next).
        let meta = format!(
            "{date} · {} · {}\u{a0}{}",
            digest.source,
            // A file being indexed has no stories counted yet.
            if digest.pending {
                "…".to_string()
            } else {
                count.to_string()
            },
            if count == 1 { "story" } else { "stories" }
        );
        out.extend(wrap_styled(&meta, DIM, width, opts));
        // What reading the file had to guess or mend (its encoding, bytes left out, titles
        // cut), as `ribao check` says it: why its text may read oddly.
        for warning in &digest.warnings {
            out.extend(wrap_styled(&format!("⚠ {warning}"), DIM, width, opts));
        }
        out.push(Line::default());
        // A copy of another file of the date is not shown twice.
        if library.index().is_copy(digest) {
            out.extend(wrap_styled(
                "（与本日另一份相同 / the same stories as another file of this date）",
                DIM,
                width,
                opts,
            ));
            continue;
        }
        let front = library.front_page(d);
        if !front.trim().is_empty() {
            let key = format!("{}#front", digest.id);
            let rendered = render.get_or_render(&key, front, None, width, opts);
            out.extend(rendered.lines.iter().cloned());
        } else {
            out.extend(headlines(library, d, width, opts));
        }
    }
    (out, starts)
}

/// The generated overview: headlines grouped by category, in the digest's order.
fn headlines(library: &Library, d: usize, width: usize, opts: TextOptions) -> Vec<Line<'static>> {
    let digest = &library.digests()[d];
    if digest.pending {
        return wrap_styled("（正在索引 / being indexed…）", DIM, width, opts);
    }
    if digest.items.is_empty() {
        return wrap_styled(
            "（这一期没有新闻 / no stories in this digest）",
            DIM,
            width,
            opts,
        );
    }
    let items: Vec<_> = digest.items.clone().map(|i| library.item(i)).collect();
    let mut groups: Vec<Option<&str>> = library.categories_of(d).into_iter().map(Some).collect();
    if items.iter().any(|i| i.category.is_none()) {
        groups.push(None);
    }
    let heading = FOCUS.add_modifier(Modifier::BOLD);
    let bullet = [Span::styled("• ", DIM)];
    let indent = [Span::raw("  ")];
    let mut out = Vec::new();
    for (n, group) in groups.iter().enumerate() {
        if groups.len() > 1 || group.is_some() {
            if n > 0 {
                out.push(Line::default());
            }
            let name = group.unwrap_or(if groups.len() > 1 {
                "其他 / Other"
            } else {
                ""
            });
            out.extend(wrap_styled(name, heading, width, opts));
        }
        for item in items.iter().filter(|i| i.category == *group) {
            out.extend(text::wrap_with_prefix(
                &[Span::styled(text::single_line(item.title), BOLD)],
                width,
                &bullet,
                &indent,
                opts,
            ));
        }
    }
    out
}
