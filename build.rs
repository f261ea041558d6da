//! Generates the C header with cbindgen and, on Linux, gives the shared library a soname and an
//! export list of `campro_*` symbols only, and puts the soname link `libcampro.so.0 ->
//! libcampro.so` beside it in the profile folder (target/release), so programs linked in the tree
//! with `-Ltarget/release -lcampro` start without a `make install`.
//!
//! The header is written to `$OUT_DIR/campro.h`; a test compares it with the committed
//! `include/campro.h`. Refresh the committed one with `CAMPRO_UPDATE_HEADER=1 cargo build`
//! (it is also written when missing).

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

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
        link_soname(&out_dir, &format!("libcampro.so.{major}"));
    }
}

/// Makes `<profile dir>/<soname> -> libcampro.so`, where the linker's `-lcampro` finds the library
/// and the loader then asks for the soname. The profile folder (target/release, or
/// target/<triple>/release) is three levels above OUT_DIR (`<profile>/build/campro-<hash>/out`).
/// The link is relative and made before the library is linked, so it dangles until then. It is
/// replaced atomically (a temporary link renamed over it) and left alone when already right; any
/// failure is a warning, never a failed build.
fn link_soname(out_dir: &Path, soname: &str) {
    let build_dir = out_dir.parent().and_then(Path::parent).filter(|dir| dir.ends_with("build"));
    let Some(profile_dir) = build_dir.and_then(Path::parent) else {
        println!("cargo:warning=campro: no {soname} link: unexpected OUT_DIR {}", out_dir.display());
        return;
    };
    let link = profile_dir.join(soname);
    if fs::read_link(&link).is_ok_and(|target| target.as_os_str() == "libcampro.so") {
        return;
    }
    let made = make_link(&profile_dir.join(format!(".{soname}.tmp-{}", std::process::id())), &link);
    if let Err(e) = made {
        println!("cargo:warning=campro: cannot create {}: {e}", link.display());
    }
}

#[cfg(unix)]
fn make_link(temporary: &Path, link: &Path) -> std::io::Result<()> {
    let _ = fs::remove_file(temporary);
    std::os::unix::fs::symlink("libcampro.so", temporary)?;
    fs::rename(temporary, link).inspect_err(|_| {
        let _ = fs::remove_file(temporary);
    })
}

#[cfg(not(unix))]
fn make_link(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::other("symbolic links need a Unix build host"))
}
