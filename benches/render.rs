//! Rendering the largest corpus article at 100 columns, and wrapping one 100,000-character
//! line. The corpus lives in `../shared/corpus` next to the crate; without it a synthetic
//! document of the same size is used.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::text::Span;
use ribao::text::{TextOptions, render_markdown, wrap};

fn largest_markdown(dir: &Path) -> Option<PathBuf> {
    let mut best: Option<(u64, PathBuf)> = None;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).ok()?.flatten() {
            let path = entry.path();
            let Ok(meta) = entry.metadata() else { continue };
            if meta.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md")
                && best.as_ref().is_none_or(|(size, _)| meta.len() > *size)
            {
                best = Some((meta.len(), path));
            }
        }
    }
    best.map(|(_, path)| path)
}

/// About 470 KB of digest-shaped Markdown.
fn synthetic_document() -> String {
    let item = "1. **模型发布：某实验室开源 Lumen-7B** — 在 MMMU 上得分 61.2，详见[技术报告](https://example.org/lumen/report-v1.pdf)。\n   - 摘要：The model supports bilingual image-text understanding and runs on a single GPU.<br/>\n   - 备注：`lumen serve --port 8080`\n\n> **分类：** 开源\n\n| 厂商 | 价格 | 备注 |\n|---|---:|---|\n| 北方云 | 0.8 | 限时优惠 |\n\n";
    let mut doc = String::from("---\ntitle: synthetic\n---\n\n# AI 日报\n\n");
    while doc.len() < 470_000 {
        doc.push_str(item);
    }
    doc
}

fn bench(c: &mut Criterion) {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let md = match largest_markdown(&corpus) {
        Some(path) => {
            println!("benchmarking {}", path.display());
            std::fs::read_to_string(path).expect("readable corpus file")
        }
        None => {
            println!(
                "no corpus at {}, using a synthetic 470 KB document",
                corpus.display()
            );
            synthetic_document()
        }
    };
    let opts = TextOptions::default();
    c.bench_function("render_markdown_largest_100_cols", |b| {
        b.iter(|| render_markdown(black_box(&md), 100, opts))
    });

    // Addresses without a host in one unbroken run (tester AL): each scheme once, not a scan
    // to the run's end from every one of them.
    let run = format!("x{}", "](http://a)".repeat(16_000));
    c.bench_function("render_markdown_176kb_run_of_links_100_cols", |b| {
        b.iter(|| render_markdown(black_box(&run), 100, opts))
    });

    let line: String = "中文English混排，测试https://example.com/a/b。".repeat(100_000 / 36);
    c.bench_function("wrap_100k_char_line_80_cols", |b| {
        b.iter(|| wrap(&[Span::raw(black_box(line.as_str()))], 80, opts))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
