//! What the reader looks like: whole screens at 120×40, 80×24 and 50×16 (and a terminal too
//! small to use), with CJK titles and bodies. Snapshots show each row as the terminal shows
//! it (wide characters once, their hidden second cell dropped), so a misaligned border shows
//! as a ragged right edge.

#[path = "tui_support.rs"]
mod support;

use ribao::text::TextOptions;
use support::{Harness, app, app_with, library};

fn snap(name: &str, h: &mut Harness) {
    insta::assert_snapshot!(name, h.text());
}

#[test]
fn wide_start() {
    let mut h = Harness::new(app(), 120, 40);
    snap("wide_start", &mut h);
}

#[test]
fn wide_category_selected() {
    let mut h = Harness::new(app(), 120, 40);
    h.keys("cjjjj");
    snap("wide_category_selected", &mut h);
}

#[test]
fn wide_article_scrolled() {
    let mut h = Harness::new(app(), 120, 40);
    h.keys("cjjjj<Enter><Enter>jjjj");
    snap("wide_article_scrolled", &mut h);
}

/// Down the stories: the highlighted one previewed beside them, unread (no ✓).
#[test]
fn wide_preview_of_the_highlighted_story() {
    let mut h = Harness::new(app(), 120, 30);
    h.keys("<Enter><Enter>jj");
    snap("wide_preview", &mut h);
}

/// The same at 80 columns, the stories beside the preview.
#[test]
fn medium_preview_of_the_highlighted_story() {
    let mut h = Harness::new(app(), 80, 24);
    h.keys("<Enter><Enter>j");
    snap("medium_preview", &mut h);
}

#[test]
fn wide_help_overlay() {
    let mut h = Harness::new(app(), 120, 40);
    h.keys("?");
    snap("wide_help_overlay", &mut h);
}

#[test]
fn wide_older_date_and_undated() {
    let mut h = Harness::new(app(), 120, 40);
    h.keys("[[");
    snap("wide_undated", &mut h);
}

/// At 80 columns, two of the three columns: the dates beside the date's categories and
/// stories, then those beside the article (tester AF: the dates filled the screen alone).
#[test]
fn medium_start_shows_the_dates_beside_the_stories() {
    let mut h = Harness::new(app(), 80, 24);
    snap("medium_start", &mut h);
}

/// The stories entered, the highlighted one is previewed beside them at once.
#[test]
fn medium_story_list_beside_the_preview() {
    let mut h = Harness::new(app(), 80, 24);
    h.keys("<Enter>jjjj<Enter>");
    snap("medium_items", &mut h);
}

#[test]
fn medium_article_scrolled() {
    let mut h = Harness::new(app(), 80, 24);
    h.keys("<Enter>jjjj<Enter><Enter>jjj");
    snap("medium_article_scrolled", &mut h);
}

/// Below 70 columns, one pane at a time under a breadcrumb.
#[test]
fn narrow_start_is_the_date_list() {
    let mut h = Harness::new(app(), 64, 24);
    snap("narrow_start", &mut h);
}

#[test]
fn narrow_breadcrumb_in_story_list() {
    let mut h = Harness::new(app(), 64, 24);
    h.keys("<Enter>jjjj<Enter>");
    snap("narrow_breadcrumb_items", &mut h);
}

#[test]
fn narrow_article_scrolled() {
    let mut h = Harness::new(app(), 64, 24);
    h.keys("<Enter>jjjj<Enter><Enter>jjj");
    snap("narrow_article_scrolled", &mut h);
}

#[test]
fn medium_help_overlay() {
    let mut h = Harness::new(app(), 80, 24);
    h.keys("?");
    snap("medium_help_overlay", &mut h);
}

#[test]
fn small_categories() {
    let mut h = Harness::new(app(), 50, 16);
    h.keys("<Enter>");
    snap("small_categories", &mut h);
}

#[test]
fn small_article() {
    let mut h = Harness::new(app(), 50, 16);
    h.keys("<Enter><Enter>jjj<Enter>");
    snap("small_article", &mut h);
}

#[test]
fn small_front_page() {
    let mut h = Harness::new(app(), 50, 16);
    h.keys("i");
    snap("small_front_page", &mut h);
}

#[test]
fn small_help_overlay() {
    let mut h = Harness::new(app(), 50, 16);
    h.keys("?");
    snap("small_help_overlay", &mut h);
}

#[test]
fn too_small_terminal() {
    let mut h = Harness::new(app(), 19, 5);
    snap("too_small", &mut h);
}

#[test]
fn ambiguous_wide_article() {
    let opts = TextOptions {
        ambiguous_wide: true,
        whole_urls: false,
    };
    let mut h = Harness::new(app_with(library(), opts), 120, 40);
    h.keys("cjjjj<Enter><Enter>");
    snap("ambiguous_wide_article", &mut h);
}

#[test]
fn fixture_store_with_problems() {
    let store = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store");
    let mut library = ribao::library::Library::load_dir(
        &store,
        None,
        &ribao::categories::Categorizer::builtin(),
        &mut |_| {},
    );
    // The store path differs per machine (and its length changes the status bar's layout):
    // show the same digests and problems under a fixed path.
    library.origin = ribao::library::Origin::Store("/home/reader/digests".into());
    let mut h = Harness::new(app_with(library, TextOptions::default()), 100, 30);
    insta::assert_snapshot!("fixture_store_start", h.text());
    h.keys("]"); // "already at the newest date"
    h.keys("<Enter><Enter><Enter>");
    insta::assert_snapshot!("fixture_store_article", h.text());
}

/// The reader on the built-in samples, as on a first run, `width` × `height`.
fn on_the_samples(width: u16, height: u16) -> Harness {
    let library = ribao::library::Library::samples(
        "digests".into(),
        &ribao::categories::Categorizer::builtin(),
    );
    Harness::new(app_with(library, TextOptions::default()), width, height)
}

#[test]
fn wide_file_view_of_a_sample() {
    let mut h = on_the_samples(120, 40);
    h.keys("v");
    snap("wide_file_view_of_a_sample", &mut h);
}

/// The samples say they are the samples in the status bar on a narrow screen too, where a
/// store's path gives way (tester P: at 60 columns nothing said so).
#[test]
fn the_samples_are_named_on_a_narrow_screen() {
    let rows = on_the_samples(60, 20).rows();
    let status = &rows[rows.len() - 2];
    assert!(status.contains("samples"), "{status}");
}

/// Text on the terminal's own background is in the terminal's own foreground (or a colour):
/// never white, which a light theme's background hides (tester AF: the status bar's date and
/// counts were bright white).
#[test]
fn no_text_on_the_background_is_white() {
    use ratatui::style::Color;
    let mut h = Harness::new(app(), 100, 30);
    for keys in ["", "<Enter>", "<Enter>", "?"] {
        h.keys(keys);
        let buf = h.buffer();
        for (i, cell) in buf.content.iter().enumerate() {
            let text = !cell.symbol().trim().is_empty();
            assert!(
                !(text && cell.bg == Color::Reset && cell.fg == Color::White),
                "white text at {:?} after {keys:?}: {:?}",
                buf.pos_of(i),
                h.rows()[usize::from(buf.pos_of(i).1)]
            );
        }
    }
}

/// With no colours wanted (`NO_COLOR`, a `-mono` terminal), no cell has a colour, and what a
/// background set apart (the focused pane's selection) is in reverse video: the selected
/// story stays in sight (it was the `›` mark alone, tester G). The selections of the panes
/// without the focus are bold, not reversed: which pane the keys move shows in its rows.
#[test]
fn without_colours_the_selection_is_in_reverse_video() {
    use ratatui::style::{Color, Modifier};
    let mut h = Harness::new(app(), 160, 30);
    h.keys("<Enter><Enter>j");
    let coloured = h.buffer();
    h.app.set_colours(false);
    let plain = h.buffer();
    let reversed = |c: &ratatui::buffer::Cell| c.modifier.contains(Modifier::REVERSED);
    let (mut focused, mut unfocused) = (0, 0);
    for (was, is) in coloured.content.iter().zip(&plain.content) {
        assert_eq!(
            (is.fg, is.bg),
            (Color::Reset, Color::Reset),
            "a colour is left"
        );
        let text = !was.symbol().trim().is_empty();
        if was.bg == Color::DarkGray {
            assert!(!reversed(is) && is.modifier.contains(Modifier::BOLD));
            unfocused += usize::from(text);
        } else {
            assert_eq!(reversed(is), was.bg != Color::Reset || reversed(was));
            focused += usize::from(was.bg != Color::Reset && text);
        }
    }
    assert!(focused > 10, "no focused selection on screen");
    assert!(unfocused > 10, "no other pane's selection on screen");
    // Search matches keep their underline, not reversed: they read as selections then.
    h.app.set_colours(true);
    h.keys("<Esc><Esc>/");
    h.search_for("模型");
    let coloured = h.buffer();
    h.app.set_colours(false);
    let plain = h.buffer();
    // In the focused selection's row they are reversed with it (tester AM: holes in its bar).
    let width = usize::from(coloured.area.width);
    let selected = |i: usize| {
        let row = &coloured.content[i / width * width..][..width];
        row.iter().any(|c| c.bg == Color::Blue)
    };
    let (mut matches, mut in_selection) = (0, 0);
    for (i, (was, is)) in coloured.content.iter().zip(&plain.content).enumerate() {
        if was.bg == Color::Yellow {
            matches += 1;
            in_selection += usize::from(selected(i));
            assert_eq!(reversed(is), selected(i));
            assert!(is.modifier.contains(Modifier::UNDERLINED));
        }
    }
    assert!(matches > 4, "no match on screen");
    assert!(in_selection > 0, "no match in the selected result");
    // The current match is the other way round, reversed outside the selection, so it is
    // told from the others (tester DQ: in a bold title both were bold and underlined).
    h.app.set_colours(true);
    h.keys("<Enter><Enter>n");
    let coloured = h.buffer();
    h.app.set_colours(false);
    let plain = h.buffer();
    let current = (coloured.content.iter().zip(&plain.content))
        .filter(|(was, _)| was.bg == Color::LightRed)
        .inspect(|(_, is)| assert!(reversed(is)))
        .count();
    assert!(current > 0, "no current match on screen");
}

/// Secondary text (read titles, counts, marks, the status bar's store) is faint in the
/// terminal's own colour, never bright black, which some themes draw in the background's
/// colour (tester DQ: on Solarized Dark all of it vanished).
#[test]
fn secondary_text_is_faint_not_bright_black() {
    use ratatui::style::{Color, Modifier};
    let mut h = Harness::new(app(), 160, 30);
    h.keys("<Enter><Enter>jj");
    let buf = h.buffer();
    let text = |c: &&ratatui::buffer::Cell| !c.symbol().trim().is_empty();
    let cells: Vec<_> = buf.content.iter().filter(text).collect();
    assert!(cells.iter().all(|c| c.fg != Color::DarkGray));
    let faint = cells.iter().filter(|c| c.modifier.contains(Modifier::DIM));
    assert!(faint.count() > 40, "{}", h.text());
    // On the selection's bar, a read story's title is in full (a review: faint on blue).
    h.keys("<Enter><Esc>");
    let buf = h.buffer();
    let bar: Vec<_> = (buf.content.iter().filter(text))
        .filter(|c| c.bg == Color::Blue)
        .collect();
    assert!(bar.len() > 10, "{}", h.text());
    assert!(bar.iter().all(|c| !c.modifier.contains(Modifier::DIM)));
}

/// A category heading never stands alone on the pane's last row with its categories all
/// below it, whatever the height (tester CN: `刊物 Publications ───` at the foot).
#[test]
fn a_category_heading_is_not_left_alone_at_the_foot_of_its_pane() {
    let mut seen = 0;
    for height in 12..40 {
        let mut h = Harness::new(app(), 120, height);
        h.keys("l");
        let buf = h.buffer();
        for y in 0..buf.area.height.saturating_sub(1) {
            for x in 0..buf.area.width {
                let at = |dx: u16| buf.cell((x + dx, y)).map_or("", |c| c.symbol());
                let heading = matches!((at(0), at(2)), ("统", "一") | ("来", "源") | ("刊", "物"));
                if !heading || !h.rows()[y as usize].contains(" ──") {
                    continue;
                }
                seen += 1;
                let below = buf[(x, y + 1)].symbol();
                assert!(
                    !["─", "━"].contains(&below),
                    "{height} rows: a heading alone at row {y}\n{}",
                    h.text()
                );
            }
        }
    }
    assert!(seen > 20, "headings seen: {seen}");
}

/// The counts of a category take the room before how many of its stories were placed by
/// keywords (`~N`), which gives way first (tester DT: at 80 columns over the whole 10,000-file
/// archive the unified categories showed neither).
#[test]
fn a_categorys_counts_stay_where_its_inferred_count_gives_way() {
    let stories: String = (1..=100_000).map(|n| format!("{n}. 第{n}条\n")).collect();
    let text = format!("# 日报 2026-01-20\n\n## 新闻\n\n{stories}");
    let digest = ribao::parse::parse(text.as_bytes(), "store/2026-01-20.md".as_ref()).unwrap();
    let library = support::library_of(
        ribao::library::Origin::Store("/home/reader/digests".into()),
        vec![digest],
    );
    let mut h = Harness::new(app_with(library, TextOptions::default()), 80, 30);
    h.keys("l");
    let rows = h.rows();
    let misc = rows.iter().find(|r| r.contains("其他 / Misc")).unwrap();
    assert!(misc.contains("100000 100000"), "{}", h.text());
}
