//! The README's key table is the keymap: a key added or changed without the README fails here
//! (the message holds the table to paste).

#[test]
fn readme_key_table_matches_the_keymap() {
    let mut table = String::from("| keys | what they do |\n| --- | --- |\n");
    for (keys, description) in ribao::tui::keymap::help_entries() {
        let keys: Vec<String> = keys
            .iter()
            .map(|k| format!("`{}`", k.replace('|', "\\|")))
            .collect();
        table.push_str(&format!("| {} | {description} |\n", keys.join(" ")));
    }
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(
        readme.contains(&table),
        "README.md lacks the current key table:\n\n{table}"
    );
}

#[path = "tui_support.rs"]
mod support;

/// The README's screen is the reader's: the samples at 110×26, the second story of the newest
/// date read (tester E: its hint line had become another's).
#[test]
fn readme_screen_is_the_readers() {
    let mut h = samples_at_110_by_26();
    h.keys("<Tab><Tab>j<Enter>");
    assert_readme_shows(&mut h, "The main screen on the built-in samples (110×26):");
}

/// The README's search screen is the reader's: the samples searched for 英伟达 over the
/// whole archive, `n` on past the third result's matches (tester CI: the README showed
/// the results pane as it was before it kept to the stories' width).
#[test]
fn readme_search_screen_is_the_readers() {
    let mut h = samples_at_110_by_26();
    h.search_for("/英伟达<Tab><Tab><Tab>");
    h.keys("<Enter>jj<Enter>nn");
    assert_readme_shows(
        &mut h,
        "Searching the built-in samples for 英伟达 over the whole archive; `n` went through the \
         matches\nof the third result into the fourth:",
    );
}

/// The reader on the built-in samples at 110×26, as the README's screens show it.
fn samples_at_110_by_26() -> support::Harness {
    use ribao::categories::Categorizer;
    use ribao::library::Library;
    let store = "/home/reader/.local/share/ribao/digests";
    let library = Library::samples(store.into(), &Categorizer::builtin());
    support::Harness::new(
        support::app_with(library, ribao::text::TextOptions::default()),
        110,
        26,
    )
}

/// The screen the README shows in the text block after `caption` is `h`'s.
fn assert_readme_shows(h: &mut support::Harness, caption: &str) {
    let screen: Vec<String> = h.rows().iter().map(|r| r.trim_end().to_string()).collect();
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let block = readme
        .split(&format!("{caption}\n\n```text\n"))
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("the README's screen");
    let shown: Vec<String> = block.lines().map(|l| l.trim_end().to_string()).collect();
    assert_eq!(shown, screen, "the screen to paste:\n{}", screen.join("\n"));
}
