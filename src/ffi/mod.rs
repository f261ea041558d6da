//! The C ABI, and nothing else: every `extern "C"` function converts and checks its arguments,
//! calls the Rust core, and maps the outcome to a status code and a thread-local message. Every
//! raw pointer from C is checked and turned into a reference or slice in `guard.rs` only (the
//! handle's own `Box::into_raw` / `Box::from_raw` in `motion.rs` aside); every entry point runs
//! inside [`guard::boundary`] so a panic becomes `CAMPRO_ERROR_INTERNAL` (or NaN) instead of
//! unwinding into C. The rest of campro's `unsafe` is the explicit AVX-512 kernels
//! (`kernels/avx512.rs`, `kernels/dispatch.rs`) and the thread pool's job hand-off (`pool.rs`);
//! every block carries its `SAFETY:` line (clippy's `undocumented_unsafe_blocks` checks it).
//!
//! The header `include/campro.h` is generated from these items by cbindgen (see `build.rs`).

mod analysis;
mod constants;
mod errors;
mod evaluation;
mod export;
mod guard;
mod motion;
mod time;
mod types;
// --- follower dynamics (0.2) ---
mod dynamics;

// --- cam geometry (0.2) ---
mod geometry;

// --- lift tables and variable speed (0.2) ---
mod lift;

// --- time integrals (0.2, issue 12) ---
mod integral;

pub use analysis::*;
pub use constants::*;
pub use errors::*;
pub use evaluation::*;
pub use export::*;
pub use motion::*;
pub use time::*;
pub use types::*;
// --- follower dynamics (0.2) ---
pub use dynamics::*;

// --- cam geometry (0.2) ---
pub use geometry::*;

// --- lift tables and variable speed (0.2) ---
pub use lift::*;

// --- time integrals (0.2, issue 12) ---
pub use integral::*;
