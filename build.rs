//! Generates the C header with cbindgen and, on Linux, gives the shared library a soname and an
//! export list of `campro_*` symbols only.
//!
//! The header is written to `$OUT_DIR/campro.h`; a test compares it with the committed
//! `include/campro.h`. Refresh the committed one with `CAMPRO_UPDATE_HEADER=1 cargo build`
//! (it is also written when missing).

use std::env;
use std::fs;
use std::path::PathBuf;

fn main() {
    let crate_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed=src/ffi");
    println!("cargo:rerun-if-changed=cbindgen.toml");
    println!("cargo:rerun-if-env-changed=CAMPRO_UPDATE_HEADER");

    let config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).expect("cbindgen.toml parses");
    // Only src/ffi/ (and the modules it declares) is parsed: the header holds the C surface and
    // nothing of the Rust core, whatever public constants or types the core grows.
    let bindings = cbindgen::Builder::new()
        .with_src(crate_dir.join("src").join("ffi").join("mod.rs"))
        .with_config(config)
        .generate()
        .expect("cbindgen generates the header");
    let generated = out_dir.join("campro.h");
    bindings.write_to_file(&generated);

    let committed = crate_dir.join("include").join("campro.h");
    if env::var_os("CAMPRO_UPDATE_HEADER").is_some() || !committed.exists() {
        fs::copy(&generated, &committed).expect("include/campro.h is writable");
    }

    let major = env::var("CARGO_PKG_VERSION_MAJOR").expect("cargo sets the version");
    if env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        let script = out_dir.join("campro.map");
        fs::write(&script, "{\n  global: campro_*;\n  local: *;\n};\n").expect("OUT_DIR is writable");
        println!("cargo:rustc-cdylib-link-arg=-Wl,--version-script={}", script.display());
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libcampro.so.{major}");
    }
}
