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
