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
    use ribao::categories::Categorizer;
    use ribao::library::Library;
    let store = "/home/reader/.local/share/ribao/digests";
    let library = Library::samples(store.into(), &Categorizer::builtin());
    let mut h = support::Harness::new(
        support::app_with(library, ribao::text::TextOptions::default()),
        110,
        26,
    );
    h.keys("<Tab><Tab>j<Enter>");
    let screen: Vec<String> = h.rows().iter().map(|r| r.trim_end().to_string()).collect();
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let block = readme
        .split("The main screen on the built-in samples (110×26):\n\n```text\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("the README's screen");
    let shown: Vec<String> = block.lines().map(|l| l.trim_end().to_string()).collect();
    assert_eq!(shown, screen, "the screen to paste:\n{}", screen.join("\n"));
}
