//! Parsing the largest corpus digest (≈470 KB) and the five seed digests. The corpus and
//! seeds live in `../shared/corpus` and `../shared/seeds` next to the crate; without the
//! corpus a synthetic digest of the same size and shape is parsed instead (the benchmark
//! name then says `synthetic`), without the seeds that benchmark is skipped.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ribao::parse::parse;

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn largest_markdown(dir: &Path) -> Option<PathBuf> {
    files_under(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .max_by_key(|p| (std::fs::metadata(p).map_or(0, |m| m.len()), p.clone()))
}

/// About 470 KB shaped like a Bubble's Brain batch digest (the largest real files).
fn synthetic_digest() -> Vec<u8> {
    let mut doc = String::from(
        "---\ntitle: \"Bubble's Brain - 2026-06-24\"\ndate: 2026-06-24T10:00:00+08:00\n---\n\n## AI资讯 2026/6/24\n\n### 10:00 更新\n\n",
    );
    let mut n = 0;
    while doc.len() < 470_000 {
        n += 1;
        doc.push_str(&format!(
            "{n}. **某实验室开源 Lumen-{n}B 模型，性能超越同类** — aibase · 2026-06-23T09:56:58.016Z\n   - 链接：[aibase](https://www.aibase.com/zh/news/{n})\n   - 摘要：The model supports bilingual image-text understanding and runs on a single GPU。该模型支持中英双语图文理解，可在单卡上运行，开源权重与技术报告同步发布。\n\n"
        ));
    }
    doc.into_bytes()
}

fn benches(c: &mut Criterion) {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let (name, path, bytes) = match largest_markdown(&shared.join("corpus")) {
        Some(p) => {
            let bytes = std::fs::read(&p).expect("readable corpus file");
            ("parse/largest_corpus_file", p, bytes)
        }
        None => (
            "parse/synthetic_470kb",
            PathBuf::from("synthetic/2026-06-24.md"),
            synthetic_digest(),
        ),
    };
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function(name.trim_start_matches("parse/"), |b| {
        b.iter(|| parse(black_box(&bytes), &path).expect("parses"))
    });

    let seeds: Vec<(PathBuf, Vec<u8>)> = files_under(&shared.join("seeds"))
        .into_iter()
        .filter_map(|p| std::fs::read(&p).ok().map(|b| (p, b)))
        .collect();
    if !seeds.is_empty() {
        let total: usize = seeds.iter().map(|(_, b)| b.len()).sum();
        group.throughput(Throughput::Bytes(total as u64));
        group.bench_function(format!("all_{}_seeds", seeds.len()), |b| {
            b.iter(|| {
                for (p, bytes) in &seeds {
                    black_box(parse(black_box(bytes), p).ok());
                }
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = parse_benches;
    config = Criterion::default().sample_size(30);
    targets = benches
}
criterion_main!(parse_benches);
