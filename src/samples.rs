//! The built-in sample digests (written for ribao, in each supported format), compiled in so
//! a first launch with no store has something real to browse.

/// (file name, contents)
pub const SAMPLES: &[(&str, &str)] = &[
    (
        "2026-01-21-bubble-brain.md",
        include_str!("../assets/samples/2026-01-21-bubble-brain.md"),
    ),
    (
        "2026-01-22-bubble-brain-batch.md",
        include_str!("../assets/samples/2026-01-22-bubble-brain-batch.md"),
    ),
    (
        "2026-01-22-industry-brief.md",
        include_str!("../assets/samples/2026-01-22-industry-brief.md"),
    ),
    (
        "2026-01-23-industry-brief.md",
        include_str!("../assets/samples/2026-01-23-industry-brief.md"),
    ),
    (
        "2026-01-23-news-hub.txt",
        include_str!("../assets/samples/2026-01-23-news-hub.txt"),
    ),
    (
        "2026-01-24-ai-daily.md",
        include_str!("../assets/samples/2026-01-24-ai-daily.md"),
    ),
];
