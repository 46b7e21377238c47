//! With the `embedded-site` feature, finds the built site (wasm, JS, CSS and
//! their compressed copies) and cargo-leptos' `hash.txt`, for the binary to
//! carry them. cargo-leptos builds the site before the server when file
//! hashing is on, so both exist by the time this runs.

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=LEPTOS_SITE_ROOT");
    println!("cargo:rerun-if-env-changed=CROSSROADS_EMBED_SITE");
    if std::env::var_os("CARGO_FEATURE_EMBEDDED_SITE").is_none() {
        return;
    }
    let workspace = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it")).join("..");
    // OUT_DIR is <target>/<profile>/build/<crate>/out; the binary and
    // cargo-leptos' hash.txt live in <target>/<profile>.
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it"));
    let profile_dir = out.ancestors().nth(3).expect("OUT_DIR is inside the target folder").to_path_buf();
    let site = match std::env::var_os("CROSSROADS_EMBED_SITE").or_else(|| std::env::var_os("LEPTOS_SITE_ROOT")) {
        Some(dir) => workspace.join(dir),
        None => profile_dir.join("../site"),
    };
    let site = site.canonicalize().unwrap_or_else(|_| {
        panic!("the embedded-site feature needs the built site at {}: build with `make build`", site.display())
    });
    let hashes = profile_dir.join("hash.txt");
    assert!(hashes.is_file(), "the embedded-site feature needs {} (cargo-leptos writes it): build with `make build`", hashes.display());
    println!("cargo:rustc-env=CROSSROADS_EMBED_SITE={}", site.display());
    println!("cargo:rustc-env=CROSSROADS_EMBED_HASHES={}", hashes.display());
    println!("cargo:rerun-if-changed={}", site.display());
    println!("cargo:rerun-if-changed={}", site.join("pkg").display());
    println!("cargo:rerun-if-changed={}", hashes.display());
}
