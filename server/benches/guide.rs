//! Rendering the whole guide (front matter, markdown, anchors, contents), as done once at start-up.

use criterion::{criterion_group, criterion_main, Criterion};
use std::path::PathBuf;

fn guide(c: &mut Criterion) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../content/guide");
    let sources: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("guide folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .map(|p| (p.display().to_string(), std::fs::read_to_string(&p).expect("readable")))
        .collect();
    c.bench_function(&format!("render {} guide pages", sources.len()), |b| {
        b.iter(|| {
            for (file, source) in &sources {
                crossroads_server::guide::render_file(file, source).expect("renders");
            }
        })
    });
}

criterion_group!(benches, guide);
criterion_main!(benches);
