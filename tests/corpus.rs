//! Every file of the real archives in ../shared/corpus (CI has them; skipped otherwise):
//! nothing panics or fails, every file yields stories, dated files keep their date, no
//! title carries markup, and a story kept in two files is listed once.

mod common;
use ribao::categories::Categorizer;
use ribao::library::Library;
use std::collections::BTreeMap;

#[test]
fn every_corpus_file_parses_into_clean_dated_items() {
    let Some(dir) = common::shared("corpus") else {
        return;
    };
    let library = Library::load_dir(&dir, None, &Categorizer::builtin(), &mut |w| panic!("{w}"));
    assert!(
        library.problems.is_empty(),
        "unreadable files: {:?}",
        library.problems
    );
    assert!(
        library.digests().len() >= 1000,
        "{} files",
        library.digests().len()
    );

    let mut per_archive: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for d in library.digests() {
        let rel = d.path.strip_prefix(&dir).unwrap();
        let archive = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .into_owned();
        let entry = per_archive.entry(archive).or_default();
        entry.0 += 1;
        entry.1 += d.items.len();

        assert!(!d.items.is_empty(), "{} yielded no item", d.path.display());
        // Every corpus file is dated (one only inside, its name is mangled); where the name
        // has a date, the parsed date agrees with it.
        let name_date = ribao::parse::find_date(&rel.to_string_lossy());
        assert!(d.date.is_some(), "{} lost its date", d.path.display());
        assert!(
            name_date.is_none_or(|n| d.date == Some(n)),
            "{}: date {:?}",
            d.path.display(),
            d.date
        );
        for i in d.items.clone() {
            let t = library.item(i).title;
            let markup = t.is_empty()
                || t.contains("**")
                || t.contains("](")
                || t.contains("<a")
                || t.starts_with('#');
            assert!(!markup, "{}: bad title {t:?}", d.path.display());
            assert!(
                !t.chars().any(char::is_control),
                "{}: control character in {t:?}",
                d.path.display()
            );
        }
    }
    for (archive, (files, items)) in &per_archive {
        println!("{archive}: {files} files, {items} items");
    }
    // One archive keeps every digest twice (its site's copy and the raw one, partly under
    // another publication name): each story is listed once, and only those copies' stories
    // are left out: each repeats a listed one by id, or by date, text and link.
    let listed: Vec<&str> = library.items().map(|i| i.id).collect();
    let unique: std::collections::HashSet<&str> = listed.iter().copied().collect();
    assert_eq!(unique.len(), listed.len(), "a story is listed twice");
    let index = library.index();
    let told = |i: usize| {
        let item = library.item(i);
        (
            library.digests()[item.digest].date,
            index.text_of(i),
            item.url,
        )
    };
    let listed_stories: std::collections::HashSet<_> =
        library.items().map(|i| told(i.index)).collect();
    let all: usize = library.digests().iter().map(|d| d.items.len()).sum();
    let left_out: Vec<usize> = (0..library.digests().len())
        .flat_map(|d| {
            let listed: Vec<usize> = library.listed_items(d).collect();
            library.digests()[d]
                .items
                .clone()
                .filter(move |i| !listed.contains(i))
        })
        .collect();
    assert_eq!(left_out.len() + listed.len(), all);
    for i in left_out {
        let item = library.item(i);
        assert!(
            unique.contains(item.id) || listed_stories.contains(&told(i)),
            "{} is left out but repeats no listed story",
            item.id
        );
    }
    assert!(listed.len() < all, "the repeated copies are not listed");
}

#[test]
fn check_exits_zero_on_the_corpus() {
    let Some(dir) = common::shared("corpus") else {
        return;
    };
    let out = common::ribao(&["check", "--store", &dir.display().to_string()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        common::stdout(&out).lines().last().unwrap_or("")
    );
}
