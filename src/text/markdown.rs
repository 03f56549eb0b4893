//! Markdown to wrapped, styled lines: one [`Line`] per screen row.

use std::collections::{HashMap, VecDeque};
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::TextOptions;
use super::chars::{is_cjk, is_punctuation};
use super::emphasis::fix_cjk_flanking;
use super::html::{ADDRESS, ANCHOR, HtmlText, Words};
use super::sanitize::sanitize;
use super::table::Table;
use super::theme;
use super::truncate::truncate_left;
use super::width::str_width;
use super::wrap::{MIN_WRAP_WIDTH, break_code_line, wrap_with_prefix};

/// A rendered article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rendered {
    /// One entry per screen row, none wider than the width asked for.
    pub lines: Vec<Line<'static>>,
    /// Link targets; link `[n]` in the text is `links[n - 1]`.
    pub links: Vec<LinkTarget>,
}

/// Where a numbered link leads, and whether only pictures point there: `o` looks past a
/// picture for the story's link.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkTarget {
    pub url: String,
    pub image: bool,
    /// What the article shows for it: the link's text, a picture's label (`[图片: 架构]`);
    /// empty for an address written out, which is its own text.
    pub label: String,
}

/// Before the rest of a code line too long for its row: one column wide in every terminal
/// (U+21AA is of neutral East Asian width).
const CONTINUED: &str = "↪ ";
/// Heading of the list of link targets at the end of an article.
const LINKS_HEADING: &str = "链接 / Links";
/// What that list says for the story's own link, shown above its text.
const OWN_LINK_ABOVE: &str = "🔗 见上 / the story's link, above";
const BULLETS: [&str; 3] = ["• ", "◦ ", "▪ "];
const QUOTE_BAR: &str = "│ ";
const CODE_INDENT: &str = "  ";

/// Renders Markdown (GFM tables, strikethrough, task lists; YAML/TOML front matter is never
/// shown) to lines of at most `width` columns, with links numbered `[n]` and listed at the end.
///
/// The input is sanitised before parsing and every string the parser produces is sanitised
/// again, since entities such as `&#27;` decode to control characters.
pub fn render_markdown(md: &str, width: usize, opts: TextOptions) -> Rendered {
    render_story(md, None, width, opts)
}

/// [`render_markdown`] for a story's text under its header, which shows the story's own
/// link (`own`): where the text numbers that link too, the list at the end points up to it
/// rather than write it out again (a long address took four rows more).
pub fn render_story(md: &str, own: Option<&str>, width: usize, opts: TextOptions) -> Rendered {
    let encoded = super::sanitize::addresses_kept(md);
    let clean = sanitize(&encoded);
    let prepared = fix_cjk_flanking(&clean);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let events: Vec<(Event, Range<usize>)> = Parser::new_ext(&prepared, options)
        .into_offset_iter()
        .collect();
    let mut renderer = Renderer::new(width, opts, numberings(&prepared, &events));
    // As the links are kept: encoded where text would lose a character.
    renderer.own_link = own.map(super::address);
    renderer.html.words = Words::of(&prepared);
    for (event, _) in events {
        renderer.event(event);
    }
    renderer.finish()
}

/// How a numbered list marks its items: the sign after each number, as written (`1.` or
/// `1)`), and the width of its last number, to which the others are aligned on the right
/// (the text after ` 9.` and `10.` lines up).
#[derive(Debug, Clone, Copy)]
struct Numbering {
    sign: char,
    width: usize,
}

impl Numbering {
    const PLAIN: Numbering = Numbering {
        sign: '.',
        width: 1,
    };
}

/// The numbering of each numbered list in `events` (parsed from `source`), in the order the
/// lists start: a list's last number is known only at its end.
fn numberings(source: &str, events: &[(Event, Range<usize>)]) -> VecDeque<Numbering> {
    let mut found = Vec::new();
    // Per open list: its place in `found` and its next number, for a numbered one.
    let mut open: Vec<Option<(usize, u64)>> = Vec::new();
    for (event, range) in events {
        match event {
            Event::Start(Tag::List(start)) => open.push(start.map(|first| {
                let marker = source.get(range.clone()).unwrap_or_default().trim_start();
                let sign = marker.trim_start_matches(|c: char| c.is_ascii_digit());
                found.push(Numbering {
                    sign: if sign.starts_with(')') { ')' } else { '.' },
                    ..Numbering::PLAIN
                });
                (found.len() - 1, first)
            })),
            Event::Start(Tag::Item) => {
                if let Some(Some((at, next))) = open.last_mut() {
                    found[*at].width = next.to_string().len();
                    *next += 1;
                }
            }
            Event::End(TagEnd::List(_)) => {
                open.pop();
            }
            _ => {}
        }
    }
    found.into()
}

/// How a footnote labelled `label` is marked, where it is referred to and where its text is.
fn footnote_mark(label: &str) -> String {
    format!("[^{}]", sanitize(label))
}

/// A block that prefixes every line of its content.
struct Container {
    /// Prefix of the container's first line (a list marker).
    first: Vec<Span<'static>>,
    /// Prefix of its other lines (hanging indent, quote bar).
    rest: Vec<Span<'static>>,
    first_used: bool,
    is_item: bool,
}

struct List {
    next_number: Option<(u64, Numbering)>,
    items: usize,
    /// Loose lists have a blank line between items; pulldown-cmark shows this as paragraphs
    /// inside the items.
    loose: bool,
}

struct Renderer {
    width: usize,
    opts: TextOptions,
    lines: Vec<Line<'static>>,
    links: Vec<LinkTarget>,
    link_numbers: HashMap<String, usize>,
    containers: Vec<Container>,
    lists: Vec<List>,
    /// The numbering of the numbered lists not started yet.
    numberings: VecDeque<Numbering>,
    /// Consecutive text events, joined before sanitising.
    text_run: String,
    /// Inline content of the paragraph, heading, list item text or table cell being built.
    inline: Vec<Span<'static>>,
    styles: Vec<Style>,
    link_targets: Vec<String>,
    /// Where each open link's text starts in `inline`.
    link_starts: Vec<usize>,
    /// The same for each open HTML link (`<a href>`).
    html_link_starts: Vec<usize>,
    /// A blank line is due before the next block.
    blank_due: bool,
    /// A soft line break waits to see whether it sits between two CJK characters.
    soft_break: bool,
    code: Option<String>,
    /// The code block being read has no language named (```` ``` ```` alone): it may be
    /// prose in a box (see [`is_prose`]).
    code_unnamed: bool,
    html_block: Option<String>,
    image_alt: Option<String>,
    table: Option<Table>,
    html: HtmlText,
    in_metadata: bool,
    /// The story's own link, shown above its text.
    own_link: Option<String>,
}

impl Renderer {
    fn new(width: usize, opts: TextOptions, numberings: VecDeque<Numbering>) -> Self {
        Self {
            width,
            opts,
            lines: Vec::new(),
            links: Vec::new(),
            link_numbers: HashMap::new(),
            containers: Vec::new(),
            lists: Vec::new(),
            numberings,
            text_run: String::new(),
            inline: Vec::new(),
            styles: Vec::new(),
            link_targets: Vec::new(),
            link_starts: Vec::new(),
            html_link_starts: Vec::new(),
            blank_due: false,
            soft_break: false,
            code: None,
            code_unnamed: false,
            html_block: None,
            image_alt: None,
            table: None,
            html: HtmlText::default(),
            in_metadata: false,
            own_link: None,
        }
    }

    fn event(&mut self, event: Event<'_>) {
        // pulldown-cmark splits text at entities; joined, `&#27;[2J` sanitises as one escape
        // sequence instead of leaving `[2J` behind.
        if !matches!(event, Event::Text(_)) {
            // Code is shown as written: a `<a href=` in it is no tag cut off.
            if matches!(event, Event::End(_)) && self.code.is_none() {
                let keep = super::html::before_cut_off_tag(&self.text_run);
                self.text_run.truncate(keep);
            }
            self.flush_text();
        }
        match event {
            Event::Start(Tag::MetadataBlock(_)) => self.in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => self.in_metadata = false,
            _ if self.in_metadata => {}
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text_run.push_str(&text),
            Event::Code(code) => self.push(&code, theme::INLINE_CODE),
            Event::Html(html) => {
                let mut text = String::new();
                self.html.feed(&html, &mut text);
                self.html_block.get_or_insert_default().push_str(&text);
            }
            Event::InlineHtml(html) => {
                let mut text = String::new();
                self.html.feed(&html, &mut text);
                self.push_html(&text, self.style());
            }
            Event::SoftBreak if self.bold_line_before() => self.hard_break(),
            Event::SoftBreak => self.soft_break = true,
            Event::HardBreak => self.hard_break(),
            Event::Rule => {
                self.begin_block();
                let avail = self.avail();
                let rule = "─".repeat(avail / str_width("─", self.opts));
                self.push_line(vec![Span::styled(rule, theme::MARK)]);
                self.blank_due = true;
            }
            Event::TaskListMarker(done) => {
                self.push(if done { "[x] " } else { "[ ] " }, theme::BULLET);
            }
            // As written, `[^1]`: a link's number is `[1]`.
            Event::FootnoteReference(label) => {
                self.push(&footnote_mark(&label), theme::MARK);
            }
            Event::InlineMath(text) | Event::DisplayMath(text) => self.text(&text),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                self.begin_block();
                if self.containers.last().is_some_and(|c| c.is_item)
                    && let Some(list) = self.lists.last_mut()
                {
                    list.loose = true;
                }
            }
            Tag::Heading { level, .. } => {
                self.begin_block();
                self.styles.push(heading_style(level));
            }
            Tag::BlockQuote(_) => {
                self.begin_block();
                let bar = vec![Span::styled(QUOTE_BAR, theme::MARK)];
                self.containers.push(Container {
                    first: bar.clone(),
                    rest: bar,
                    first_used: false,
                    is_item: false,
                });
            }
            Tag::CodeBlock(kind) => {
                self.begin_block();
                self.code = Some(String::new());
                self.code_unnamed =
                    matches!(&kind, CodeBlockKind::Fenced(info) if info.trim().is_empty());
            }
            Tag::HtmlBlock => self.begin_block(),
            // Its text where it is written, after its mark (tester CW: without footnotes
            // read, `[^1]: text` was a link's definition, and the text was never shown).
            Tag::FootnoteDefinition(label) => {
                let mark = format!("{} ", footnote_mark(&label));
                self.begin_marked(mark, theme::MARK, false);
            }
            Tag::List(start) => {
                self.begin_block();
                let next_number = start.map(|first| {
                    let numbering = self.numberings.pop_front();
                    (first, numbering.unwrap_or(Numbering::PLAIN))
                });
                self.lists.push(List {
                    next_number,
                    items: 0,
                    loose: false,
                });
            }
            Tag::Item => self.start_item(),
            Tag::Table(aligns) => {
                self.begin_block();
                self.table = Some(Table {
                    aligns,
                    rows: Vec::new(),
                });
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(table) = &mut self.table {
                    table.rows.push(Vec::new());
                }
            }
            Tag::TableCell => self.inline.clear(),
            Tag::Emphasis => self.styles.push(theme::EMPHASIS),
            Tag::Strong => self.styles.push(theme::STRONG),
            Tag::Strikethrough => self.styles.push(theme::STRIKETHROUGH),
            Tag::Link { dest_url, .. } => {
                // Only what opens looks like a link: `[text]()` or `javascript:…` is text.
                let target = super::address(&dest_url);
                let style = match is_web(&target) {
                    true => theme::LINK,
                    false => Style::default(),
                };
                self.styles.push(style);
                self.link_targets.push(target);
                self.link_starts.push(self.inline.len());
            }
            Tag::Image { dest_url, .. } => {
                self.image_alt = Some(String::new());
                self.link_targets.push(super::address(&dest_url));
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => self.end_block(),
            // A heading is told by its style alone (colour, bold, the two top levels
            // underlined): its `##` read as Markdown left unrendered.
            TagEnd::Heading(_) => {
                self.flush_inline();
                self.styles.pop();
                self.blank_due = true;
            }
            TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition => {
                self.end_block();
                self.containers.pop();
            }
            TagEnd::CodeBlock => {
                let code = self.code.take().unwrap_or_default();
                self.code_block(&code);
                self.blank_due = true;
            }
            TagEnd::HtmlBlock => {
                let text = self.html_block.take().unwrap_or_default();
                let kept: Vec<&str> = text
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .collect();
                if !kept.is_empty() {
                    self.push_html(&kept.join("\n"), Style::default());
                    self.end_block();
                }
            }
            TagEnd::List(_) => {
                self.end_block();
                self.lists.pop();
            }
            TagEnd::Item => {
                self.flush_inline();
                if let Some(item) = self.containers.pop()
                    && !item.first_used
                {
                    // An empty item still shows its marker.
                    self.containers.push(item);
                    self.push_line(Vec::new());
                    self.containers.pop();
                }
            }
            TagEnd::Table => {
                if let Some(table) = self.table.take() {
                    for line in table.render(self.avail(), self.opts) {
                        self.push_line(line.spans);
                    }
                }
                self.blank_due = true;
            }
            TagEnd::TableCell => {
                let cell = std::mem::take(&mut self.inline);
                self.soft_break = false;
                if let Some(row) = self.table.as_mut().and_then(|t| t.rows.last_mut()) {
                    row.push(cell);
                }
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => {
                self.styles.pop();
            }
            TagEnd::Link => {
                self.styles.pop();
                let target = self.link_targets.pop().unwrap_or_default();
                let start = self.link_starts.pop().unwrap_or(self.inline.len());
                let label = self.text_since(start);
                self.number(target, false, &label);
            }
            TagEnd::Image => {
                let alt = self.image_alt.take().unwrap_or_default();
                let label = self.html.words.picture(&alt);
                self.push(&label, theme::IMAGE);
                // Its address is listed with the links, to open or copy, when it is a web one.
                let target = self.link_targets.pop().unwrap_or_default();
                self.number(target, true, &label);
            }
            _ => {}
        }
    }

    fn start_item(&mut self) {
        let depth = self.lists.len().saturating_sub(1);
        let Some(list) = self.lists.last_mut() else {
            return;
        };
        if list.items > 0 && !list.loose {
            self.blank_due = false; // tight list: a nested list's end is no reason for a gap
        }
        list.items += 1;
        let marker = match &mut list.next_number {
            Some((n, Numbering { sign, width })) => {
                let marker = format!("{n:>width$}{sign} ");
                *n += 1;
                marker
            }
            None => BULLETS[depth % BULLETS.len()].to_string(),
        };
        self.begin_marked(marker, theme::BULLET, true);
    }

    /// A block whose first row starts with `marker` and whose rows after it are indented as
    /// far: a list's item (`is_item`) or a footnote's text.
    fn begin_marked(&mut self, marker: String, style: Style, is_item: bool) {
        self.begin_block();
        let indent = " ".repeat(str_width(&marker, self.opts));
        self.containers.push(Container {
            first: vec![Span::styled(marker, style)],
            rest: vec![Span::raw(indent)],
            first_used: false,
            is_item,
        });
    }

    fn flush_text(&mut self) {
        if !self.text_run.is_empty() {
            let run = std::mem::take(&mut self.text_run);
            self.text(&run);
        }
    }

    fn text(&mut self, text: &str) {
        if let Some(code) = &mut self.code {
            code.push_str(&sanitize(text));
        } else if !self.html.suppressing() {
            let style = self.style();
            // Addresses written out are links too, numbered and listed, but not inside a
            // link or a picture's text, whose target is listed already.
            let urls = if self.link_targets.is_empty() {
                super::autolink::bare_urls(text)
            } else {
                Vec::new()
            };
            let mut at = 0;
            for url in urls {
                if at < url.start {
                    self.push(&text[at..url.start], style);
                }
                self.push(&text[url.clone()], style.patch(theme::LINK));
                self.number(sanitize(&text[url.clone()]).into_owned(), false, "");
                at = url.end;
            }
            if at < text.len() || at == 0 {
                self.push(&text[at..], style);
            }
        }
    }

    fn style(&self) -> Style {
        self.styles
            .iter()
            .fold(Style::default(), |acc, s| acc.patch(*s))
    }

    /// `[n]` for `target` when it is a web address (`[text]()` leads nowhere, and
    /// `javascript:`, `file:` or `data:` never open), but not twice in a row: a picture that
    /// links to itself, or a link whose text is its address, shows one number. After an
    /// address shown as itself, a space comes first: a terminal that finds addresses on
    /// the screen, or a double click, would take `[1]` for part of it.
    fn number(&mut self, target: String, image: bool, label: &str) {
        if !is_web(&target) {
            return;
        }
        let after_address = self.image_alt.is_none()
            && self
                .inline
                .last()
                .is_some_and(|s| s.content.ends_with(target.as_str()));
        let mark = format!("[{}]", self.link_number(target, image, label));
        let shown = match &self.image_alt {
            Some(alt) => alt.ends_with(&mark),
            None => self.inline.last().is_some_and(|s| s.content == mark),
        };
        if !shown {
            if after_address {
                self.push(" ", Style::default());
            }
            self.push(&mark, theme::MARK);
        }
    }

    fn link_number(&mut self, target: String, image: bool, label: &str) -> usize {
        if let Some(&n) = self.link_numbers.get(&target) {
            let link = &mut self.links[n - 1];
            link.image &= image;
            if link.label.is_empty() {
                link.label = label.to_string();
            }
            return n;
        }
        self.links.push(LinkTarget {
            url: target.clone(),
            image,
            label: label.to_string(),
        });
        let n = self.links.len();
        self.link_numbers.insert(target, n);
        n
    }

    /// Appends inline text, sanitised, resolving a pending soft break first: nothing between
    /// two CJK characters, a space otherwise.
    fn push(&mut self, text: &str, style: Style) {
        let text = sanitize(text);
        if let Some(alt) = &mut self.image_alt {
            alt.push_str(&text);
            return;
        }
        // Spaces after a line break are none, as a browser shows them (`<br/> <video>`).
        let text = match self.inline.last() {
            Some(s) if s.content.ends_with('\n') => text.trim_start_matches(' '),
            _ => &text,
        };
        if text.is_empty() {
            return;
        }
        let soft_break = std::mem::take(&mut self.soft_break);
        if soft_break && style.add_modifier.contains(Modifier::BOLD) && self.labelled_line() {
            // Labelled lines one under another (`**这东西是啥？** …` under `**痛点？** …`)
            // stay lines, as written (tester BF: run together into one).
            self.inline.push(Span::raw("\n"));
        } else if soft_break {
            let prev = self
                .inline
                .last()
                .and_then(|s| s.content.chars().next_back());
            let next = text.chars().next();
            // Full-width punctuation (`。`, `，`, `（`) holds its own space.
            let spaced = |c: char| is_cjk(c) && is_punctuation(c);
            let joins = prev.is_some_and(is_cjk) && next.is_some_and(is_cjk)
                || prev.is_some_and(spaced)
                || next.is_some_and(spaced);
            if prev.is_some_and(|c| c != '\n') && !joins {
                self.inline.push(Span::raw(" "));
            }
        }
        self.inline.push(Span::styled(text.to_string(), style));
    }

    /// Appends text reduced from HTML, in which `'\n'` means a line break and each
    /// [`ADDRESS`] mark stands for the next address the HTML gave: numbered and listed when
    /// it is a web one, as a Markdown link's or picture's.
    fn push_html(&mut self, text: &str, style: Style) {
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.hard_break();
            }
            let mut rest = line;
            while let Some(at) = rest.find([ADDRESS, ANCHOR]) {
                self.push(&rest[..at], style);
                let mark = rest[at..].chars().next();
                rest = &rest[at + ADDRESS.len_utf8()..];
                if mark == Some(ANCHOR) {
                    self.html_link_starts.push(self.inline.len());
                } else if let Some((address, media)) = self.html.next_address() {
                    // A link's text is its label, as a Markdown link's is.
                    let label = media.clone().unwrap_or_else(|| {
                        let start = self.html_link_starts.pop();
                        self.text_since(start.unwrap_or(self.inline.len()))
                    });
                    self.number(super::address(&address), media.is_some(), &label);
                }
            }
            self.push(rest, style);
        }
    }

    /// The text shown since `start` (a place in `inline`): a link's label.
    fn text_since(&self, start: usize) -> String {
        let text: String = self
            .inline
            .get(start..)
            .unwrap_or_default()
            .iter()
            .map(|s| s.content.as_ref())
            .collect();
        text.trim().to_string()
    }

    /// The line ending here is all bold, and bold has ended: a label or headline over its
    /// text (`**核心趋势总结**` then the text on the next line), which Markdown would run
    /// into that text (`核心趋势总结今日资讯…`).
    fn bold_line_before(&self) -> bool {
        let bold = |s: &Span| s.style.add_modifier.contains(Modifier::BOLD);
        if self.style().add_modifier.contains(Modifier::BOLD) {
            return false;
        }
        let mut line = self.line_so_far().peekable();
        line.peek().is_some() && line.all(bold)
    }

    /// The spans of the line ending here that show something, last first.
    fn line_so_far(&self) -> impl Iterator<Item = &Span<'static>> {
        self.inline
            .iter()
            .rev()
            .take_while(|s| !s.content.contains('\n'))
            .filter(|s| !s.content.trim().is_empty())
    }

    /// The line ending here opens with a bold label (`**这解决什么痛点？**`, `**Why:**`).
    fn labelled_line(&self) -> bool {
        self.line_so_far().last().is_some_and(|s| {
            s.style.add_modifier.contains(Modifier::BOLD)
                && s.content.trim_end().ends_with(['：', ':', '？', '?'])
        })
    }

    /// A line break inside a paragraph; repeated breaks collapse into one.
    fn hard_break(&mut self) {
        self.soft_break = false;
        let ends_with_break = self
            .inline
            .last()
            .is_some_and(|s| s.content.ends_with('\n'));
        if !self.inline.is_empty() && !ends_with_break {
            self.inline.push(Span::raw("\n"));
        }
    }

    /// Before a block: finish pending inline text and put the blank line between blocks.
    fn begin_block(&mut self) {
        self.flush_inline();
        if std::mem::take(&mut self.blank_due) && !self.lines.is_empty() {
            let prefix = self.rest_prefix();
            self.lines.push(Line::from(trim_end(prefix)));
        }
    }

    fn end_block(&mut self) {
        self.flush_inline();
        self.blank_due = true;
    }

    /// Wraps the pending inline text into lines.
    fn flush_inline(&mut self) {
        let mut starts = std::mem::take(&mut self.html_link_starts).into_iter();
        for address in self.html.take_unclosed_links() {
            let label = starts
                .next()
                .map_or_else(String::new, |s| self.text_since(s));
            self.number(super::address(&address), false, &label);
        }
        self.soft_break = false;
        while self.inline.last().is_some_and(|s| s.content == "\n") {
            self.inline.pop();
        }
        if self.inline.iter().all(|s| s.content.trim().is_empty()) {
            self.inline.clear();
            return;
        }
        let spans = std::mem::take(&mut self.inline);
        let first = self.next_prefix();
        let rest = self.rest_prefix();
        let lines = wrap_with_prefix(&spans, self.width, &first, &rest, self.opts);
        self.lines.extend(lines);
    }

    /// Code line by line; a line too long for the width goes on under its own indent and
    /// two more columns, marked `↪` there, so a continued line reads as one, not as a line of
    /// its own indented (tester AE), and the code's shape stays.
    fn code_block(&mut self, code: &str) {
        if self.code_unnamed && is_prose(code) {
            return self.boxed_prose(code);
        }
        let avail = self.avail().saturating_sub(CODE_INDENT.len());
        for source_line in code.strip_suffix('\n').unwrap_or(code).split('\n') {
            let mut pieces = break_code_line(source_line, avail, self.opts).into_iter();
            let Some(first) = pieces.next() else {
                continue;
            };
            self.push_code(0, first, false);
            // Spaces where the line broke (an aligned comment's) are the break, not content.
            let rest = source_line[first.len()..].trim_start_matches(' ');
            if rest.is_empty() {
                continue;
            }
            let indent = source_line.len() - source_line.trim_start_matches(' ').len();
            let hang = (indent + 2).min(avail / 2);
            for piece in break_code_line(rest, avail - hang, self.opts) {
                self.push_code(hang, piece, true);
            }
        }
    }

    /// Prose a digest put in a code block (its summary, a sentence a line), in the block's
    /// style: each line wrapped as a paragraph is, not as code (its rows marked `↪`
    /// mid-phrase; testers P, W).
    fn boxed_prose(&mut self, text: &str) {
        for line in text.lines() {
            let spans = [Span::styled(line.to_string(), theme::CODE_BLOCK)];
            let mut first = self.next_prefix();
            first.push(Span::raw(CODE_INDENT));
            let mut rest = self.rest_prefix();
            rest.push(Span::raw(CODE_INDENT));
            let rows = wrap_with_prefix(&spans, self.width, &first, &rest, self.opts);
            self.lines.extend(rows);
        }
    }

    /// One row of a code block, `hang` columns in from the block's own indent; one that
    /// goes on with the line above is marked so in the last two of them.
    fn push_code(&mut self, hang: usize, piece: &str, continued: bool) {
        // The mark's two columns, where the hang has them (not in a very narrow pane).
        let mark = match continued && hang >= 2 {
            true => CONTINUED,
            false => "",
        };
        let blank = hang - str_width(mark, self.opts);
        let content = vec![
            Span::raw(format!("{CODE_INDENT}{}", " ".repeat(blank))),
            Span::styled(mark, theme::MARK),
            Span::styled(piece.to_string(), theme::CODE_BLOCK),
        ];
        self.push_line(trim_end(content));
    }

    /// One finished row: container prefixes followed by `content`.
    fn push_line(&mut self, content: Vec<Span<'static>>) {
        let mut spans = self.next_prefix();
        spans.extend(content);
        self.lines.push(Line::from(trim_end(spans)));
    }

    /// Prefix of the next line: a container's first prefix the first time, then its rest.
    fn next_prefix(&mut self) -> Vec<Span<'static>> {
        let mut spans = Vec::new();
        for c in &mut self.containers {
            spans.extend(
                if c.first_used { &c.rest } else { &c.first }
                    .iter()
                    .cloned(),
            );
            c.first_used = true;
        }
        self.fitted(spans)
    }

    fn rest_prefix(&self) -> Vec<Span<'static>> {
        self.fitted(
            self.containers
                .iter()
                .flat_map(|c| c.rest.iter().cloned())
                .collect(),
        )
    }

    /// A prefix of deep nesting (lists in lists, quotes in quotes) keeps at most half the
    /// width, its innermost containers: the text keeps room to be read and no line is wider
    /// than the width. Containers go whole, outermost first (a part of a quote's bar or of a
    /// list's number reads as something else), and a line's first prefix and the next ones'
    /// lose the same, so the text under a list marker stays in line with the text after it.
    /// The innermost stays whole while the text keeps its least room beside it; past that
    /// (a nine-digit number on a narrow screen) it is cut on the left, the cut marked.
    fn fitted(&self, mut spans: Vec<Span<'static>>) -> Vec<Span<'static>> {
        let width = |s: &Span| str_width(&s.content, self.opts);
        let half = self.width / 2;
        let mut total: usize = spans.iter().map(width).sum();
        let mut gone = 0;
        while total > half && gone + 1 < spans.len() {
            total -= width(&spans[gone]);
            gone += 1;
        }
        spans.drain(..gone);
        if total + MIN_WRAP_WIDTH > self.width
            && let Some(inner) = spans.first_mut()
        {
            inner.content = match inner.content.trim().is_empty() {
                true => " ".repeat(half),
                false => truncate_left(&inner.content, half, self.opts).into_owned(),
            }
            .into();
        }
        spans
    }

    /// Columns left for content after the container prefixes.
    fn avail(&self) -> usize {
        let used: usize = self
            .rest_prefix()
            .iter()
            .map(|s| str_width(&s.content, self.opts))
            .sum();
        self.width.saturating_sub(used).max(MIN_WRAP_WIDTH)
    }

    fn finish(mut self) -> Rendered {
        self.flush_text();
        self.flush_inline();
        if !self.links.is_empty() {
            self.blank_due = true;
            self.begin_block();
            self.inline.push(Span::styled(LINKS_HEADING, theme::H2));
            self.flush_inline();
            for (i, link) in self.links.iter().enumerate() {
                let marker = format!("[{}] ", i + 1);
                let indent = " ".repeat(str_width(&marker, self.opts));
                let url = match self.own_link.as_deref() == Some(link.url.as_str()) {
                    true => [Span::styled(OWN_LINK_ABOVE, theme::MARK)],
                    false => [Span::styled(link.url.as_str(), theme::LINK)],
                };
                let first = [Span::styled(marker, theme::MARK)];
                self.lines.extend(wrap_with_prefix(
                    &url,
                    self.width,
                    &first,
                    &[Span::raw(indent)],
                    self.opts,
                ));
            }
        }
        Rendered {
            lines: self.lines,
            links: self.links,
        }
    }
}

/// Whether a link's target is a web address (http or https, in any case).
fn is_web(target: &str) -> bool {
    super::web_scheme_len(target.trim_start()).is_some()
}

fn heading_style(level: HeadingLevel) -> Style {
    match level {
        HeadingLevel::H1 => theme::H1,
        HeadingLevel::H2 => theme::H2,
        _ => theme::H3,
    }
}

/// Drops trailing blank space (of prefixes on blank lines, of empty code lines).
fn trim_end(mut spans: Vec<Span<'static>>) -> Vec<Span<'static>> {
    while let Some(last) = spans.last_mut() {
        let trimmed = last.content.trim_end_matches(' ');
        if trimmed.is_empty() {
            spans.pop();
        } else {
            if trimmed.len() < last.content.len() {
                last.content = trimmed.to_string().into();
            }
            break;
        }
    }
    spans
}

/// Whether a code block with no language named holds prose, not code: each line a
/// sentence or Chinese text, none indented or shaped as code (`{`, `;` at its end, `=`,
/// `</`, `$ `). Digests put their summaries in such blocks.
fn is_prose(text: &str) -> bool {
    let sentence = |l: &str| {
        l.chars().any(crate::text::is_cjk)
            || l.ends_with(['.', '!', '?', ')', '"', '”']) && l.split_whitespace().count() >= 4
    };
    let code_like = |l: &str| {
        l.starts_with([' ', '\t'])
            || l.contains(['{', '}', '='])
            || l.trim_end().ends_with(';')
            || l.contains("</")
            || l.starts_with("$ ")
    };
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    !lines.is_empty() && lines.iter().all(|l| sentence(l) && !code_like(l))
}
