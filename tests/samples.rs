//! The built-in samples make every screen meaningful: all four formats, several dates, many
//! stories with categories and links.

use ribao::categories::Categorizer;
use ribao::library::Library;
use ribao::model::Format;
use std::collections::HashSet;

#[test]
fn samples_cover_every_format_with_enough_stories() {
    let lib = Library::samples("digests".into(), &Categorizer::builtin());
    let formats: HashSet<Format> = lib.digests().iter().map(|d| d.format).collect();
    for f in [
        Format::IndustryBrief,
        Format::FrontMatterDaily,
        Format::NewsHub,
        Format::BubbleBrain,
    ] {
        assert!(formats.contains(&f), "{f:?} sample missing");
    }
    let dates: HashSet<_> = lib.digests().iter().filter_map(|d| d.date).collect();
    assert!(dates.len() >= 3, "{} dates", dates.len());
    let items: Vec<_> = lib.items().collect();
    assert!(items.len() >= 20, "{} items", items.len());
    let categories: HashSet<_> = items.iter().filter_map(|i| i.category).collect();
    assert!(categories.len() >= 8, "{categories:?}");
    assert!(items.iter().filter(|i| i.url.is_some()).count() >= 15);
    assert!(
        lib.digests().iter().all(|d| d.warnings.is_empty()),
        "samples parse cleanly"
    );
    // Search demos need recurring entities across files.
    let with_nvidia: HashSet<_> = items
        .iter()
        .filter(|i| {
            lib.story(i.index).unwrap().body.contains("英伟达") || i.title.contains("英伟达")
        })
        .map(|i| i.digest)
        .collect();
    assert!(with_nvidia.len() >= 3);
}
